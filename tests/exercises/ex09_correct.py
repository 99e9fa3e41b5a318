"""A student's correct exercise 9, written by hand (no library import)."""


def batches(rows, batch_size):
    return [rows[i:i + batch_size] for i in range(0, len(rows), batch_size)]


def early_stop(val_losses, patience):
    best = 0
    for epoch, loss in enumerate(val_losses):
        if loss < val_losses[best]:
            best = epoch
    return len(val_losses) - 1 - best >= patience, best + 1

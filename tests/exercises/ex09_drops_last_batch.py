"""Wrong: the last, smaller batch is dropped. Expected hint: the last, smaller batch is missing"""


def batches(rows, batch_size):
    return [rows[i:i + batch_size] for i in range(0, len(rows) - batch_size + 1, batch_size)]


def early_stop(val_losses, patience):
    best = min(range(len(val_losses)), key=lambda i: (val_losses[i], i))
    return len(val_losses) - 1 - best >= patience, best + 1

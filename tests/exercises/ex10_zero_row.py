"""Wrong, as article 001's loader does: matrices sized with the header line counted.
Expected hint: one row too many, all zeros: the header line was counted"""

import csv


def read_csv(path, n_labels):
    with open(path) as f:
        records = list(csv.reader(f))
    n_inputs = len(records[0]) - n_labels
    inputs = [[0.0] * n_inputs for _ in range(len(records))]  # len(records) counts the header too
    labels = [[0.0] * n_labels for _ in range(len(records))]
    for idx, record in enumerate(records[1:]):
        values = [float(v) for v in record]
        inputs[idx] = values[:n_inputs]
        labels[idx] = values[n_inputs:]
    return inputs, labels

"""Realism check for adscreen's generator: is the task learnable but not trivial, and does
confounding show up as a false-positive-rate gap between groups?

Usage: /usr/bin/python3 benchmarks/realism.py TRAIN.jsonl TEST.jsonl [TRAIN_LABEL_FIELD]
Prints one JSON object: ROC-AUC of a TF-IDF (word 1-2-grams) + logistic regression model trained
on TRAIN_LABEL_FIELD (default: label, the truth; observedLabel for annotation bias) and scored
against the true test labels, and the per-group FPR (label 0 records) at the threshold giving 10% overall FPR.
"""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def load(path, field="label"):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], np.array([r[field] for r in rows]), [r["group"] for r in rows]


def main():
    field = sys.argv[3] if len(sys.argv) > 3 else "label"
    train_x, train_y, _ = load(sys.argv[1], field)
    test_x, test_y, test_g = load(sys.argv[2])
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    xtr = vec.fit_transform(train_x)
    xte = vec.transform(test_x)
    model = LogisticRegression(max_iter=2000, C=1.0)
    model.fit(xtr, train_y)
    scores = model.predict_proba(xte)[:, 1]
    auc = roc_auc_score(test_y, scores)
    neg = scores[test_y == 0]
    # threshold at which 10% of label-0 test records score above it
    threshold = float(np.quantile(neg, 0.9))
    groups = np.array(test_g)
    fpr = {}
    for g in sorted(set(test_g)):
        mask = (groups == g) & (test_y == 0)
        if mask.sum() > 0:
            fpr[g] = float((scores[mask] > threshold).mean())
    overall = float((neg > threshold).mean())
    out = {
        "auc": float(auc),
        "threshold": threshold,
        "overall_fpr": overall,
        "fpr_by_group": fpr,
        "fpr_gap": max(fpr.values()) - min(fpr.values()),
        "train_label": field,
        "n_train": int(len(train_y)),
        "n_test": int(len(test_y)),
        "test_prevalence": float(test_y.mean()),
        "negatives_by_group": {g: int(((groups == g) & (test_y == 0)).sum()) for g in sorted(set(test_g))},
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()

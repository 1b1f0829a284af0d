#!/usr/bin/python3
"""Reference text classifiers for benchmarks/train.mjs, on the same CSV files adscreen's models use.

Usage: /usr/bin/python3 benchmarks/train_baselines.py TRAIN.csv TEST.csv [--threads N] [--workdir DIR]
       [--tokens TRAIN_TOKENS.csv TEST_TOKENS.csv]

Reads `text` and a label column (train: `observedLabel` if present, else `label`; test: `label`,
the ground truth), then prints one JSON object per line:
  - scikit-learn: TfidfVectorizer(word 1-2-grams, min_df=2, sublinear_tf) + LogisticRegression
    (liblinear, C=4); fit seconds = vectorize + fit; predict rate = transform + predict_proba.
  - fastText: `/usr/bin/fasttext supervised` (5 epochs, wordNgrams 2, dim 32, N threads); fit
    seconds = the whole training command (it reads and tokenizes its input itself); predict rate
    = the whole `predict-prob` command.
  - with --tokens: scikit-learn again on texts already tokenized by adscreen (tokens joined by
    spaces, split on whitespace), which separates the model from the tokenizer.
A tool that is missing is reported as {"model": ..., "absent": true, "install": ...}.
"""
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

csv.field_size_limit(1 << 24)


def read_csv(path, train):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        field = "observedLabel" if train and "observedLabel" in reader.fieldnames else "label"
        texts, labels = [], []
        for row in reader:
            texts.append(row["text"])
            labels.append(int(row[field]))
    return texts, labels


def roc_auc(labels, scores):
    """Mann-Whitney ROC-AUC with mid-ranks for ties (used when scikit-learn is absent)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum, pos, i = 0.0, 0, 0
    while i < len(order):
        j = i
        while j < len(order) and scores[order[j]] == scores[order[i]]:
            j += 1
        mean_rank = (i + 1 + j) / 2.0
        for k in range(i, j):
            if labels[order[k]] == 1:
                rank_sum += mean_rank
                pos += 1
        i = j
    neg = len(order) - pos
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg)


def average_precision(labels, scores):
    """Average precision (step-wise, as scikit-learn computes it), ties grouped."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    total_pos = sum(labels)
    tp = fp = 0
    ap = 0.0
    prev_recall = 0.0
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and scores[order[j]] == scores[order[i]]:
            j += 1
        for k in range(i, j):
            if labels[order[k]] == 1:
                tp += 1
            else:
                fp += 1
        recall = tp / total_pos
        ap += (recall - prev_recall) * (tp / (tp + fp))
        prev_recall = recall
        i = j
    return ap


def run_sklearn(train, test, name="scikit-learn tfidf+logreg", pretokenized=False):
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import average_precision_score, roc_auc_score
        import sklearn
    except ImportError:
        return {"model": name, "absent": True, "install": "apt-get install -y python3-sklearn"}
    (x_train, y_train), (x_test, y_test) = train, test
    start = time.perf_counter()
    cpu_start = time.process_time()
    extra = {"token_pattern": r"\S+", "lowercase": False} if pretokenized else {}
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, **extra)
    matrix = vectorizer.fit_transform(x_train)
    model = LogisticRegression(solver="liblinear", C=4).fit(matrix, y_train)
    fit_seconds = time.perf_counter() - start
    fit_cpu = time.process_time() - cpu_start
    start = time.perf_counter()
    scores = model.predict_proba(vectorizer.transform(x_test))[:, 1]
    predict_seconds = time.perf_counter() - start
    return {
        "model": name,
        "version": sklearn.__version__,
        "fitSeconds": fit_seconds,
        "fitCpuSeconds": fit_cpu,
        "predictPerSecond": len(x_test) / predict_seconds,
        "rocAuc": float(roc_auc_score(y_test, scores)),
        "prAuc": float(average_precision_score(y_test, scores)),
        "features": int(matrix.shape[1]),
    }


def run_fasttext(train, test, threads, workdir):
    binary = shutil.which("fasttext") or ("/usr/bin/fasttext" if os.path.exists("/usr/bin/fasttext") else None)
    if binary is None:
        return {"model": "fastText supervised", "absent": True, "install": "apt-get install -y fasttext"}
    (x_train, y_train), (x_test, y_test) = train, test
    clean = lambda t: " ".join(t.split())  # one line per example
    train_file = os.path.join(workdir, "train.ft")
    test_file = os.path.join(workdir, "test.ft")
    with open(train_file, "w", encoding="utf-8") as f:
        for t, y in zip(x_train, y_train):
            f.write(f"__label__{y} {clean(t)}\n")
    with open(test_file, "w", encoding="utf-8") as f:
        for t in x_test:
            f.write(clean(t) + "\n")
    prefix = os.path.join(workdir, "ftmodel")
    start = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [binary, "supervised", "-input", train_file, "-output", prefix, "-epoch", "5", "-wordNgrams", "2",
         "-dim", "32", "-thread", str(threads), "-seed", "1", "-verbose", "0"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    fit_seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    fit_cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    start = time.perf_counter()
    out = subprocess.run([binary, "predict-prob", prefix + ".bin", test_file, "2"], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    predict_seconds = time.perf_counter() - start
    scores = []
    for line in out.splitlines():
        parts = line.split()
        prob = dict(zip(parts[0::2], (float(p) for p in parts[1::2])))
        if "__label__1" in prob:
            scores.append(prob["__label__1"])
        else:
            scores.append(1.0 - prob.get("__label__0", 0.5))
    if len(scores) != len(y_test):
        raise RuntimeError(f"fastText returned {len(scores)} predictions for {len(y_test)} test texts")
    return {
        "model": "fastText supervised",
        "fitSeconds": fit_seconds,
        "fitCpuSeconds": fit_cpu,
        "predictPerSecond": len(x_test) / predict_seconds,
        "rocAuc": roc_auc(y_test, scores),
        "prAuc": average_precision(y_test, scores),
    }


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    threads = os.cpu_count() or 1
    workdir = None
    tokens = None
    args = argv[3:]
    while args:
        flag = args.pop(0)
        if flag == "--threads":
            threads = int(args.pop(0))
        elif flag == "--workdir":
            workdir = args.pop(0)
        elif flag == "--tokens":
            tokens = (args.pop(0), args.pop(0))
        else:
            print(f"unknown option {flag}", file=sys.stderr)
            return 2
    train = read_csv(argv[1], True)
    test = read_csv(argv[2], False)
    print(json.dumps(run_sklearn(train, test)), flush=True)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        print(json.dumps(run_fasttext(train, test, threads, tmp)), flush=True)
    if tokens is not None:
        tok_train = read_csv(tokens[0], True)
        tok_test = read_csv(tokens[1], False)
        print(json.dumps(run_sklearn(tok_train, tok_test, "scikit-learn tfidf+logreg on adscreen tokens", True)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

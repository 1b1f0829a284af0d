/**
 * The explorable page's inline script, as a string. Plain ES5-style JavaScript with no imports
 * and no network access: it reads the JSON embedded in the page, recomputes the numbers of
 * `stats.ts` whenever a control moves, and writes them into the tables and the live summary.
 * Keep its arithmetic and formatting identical to `exploreStats` and `exploreFormat`; the browser
 * tests compare the page's text with theirs.
 */

/** The page script (inserted in a `<script>` element by `explorePage`). */
export const EXPLORE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('explore-data').textContent);
  var thresholdInput = document.getElementById('threshold');
  var prevalenceInput = document.getElementById('prevalence');
  var volumeInput = document.getElementById('volume');
  var lastVolume = data.volume;

  function tailSum(counts, from) {
    var s = 0;
    for (var k = from; k < counts.length; k++) s += counts[k];
    return s;
  }

  function stats(bin, prevalence, volume) {
    var threshold = bin / data.bins;
    var total = 0, i;
    for (i = 0; i < data.groups.length; i++) total += data.groups[i].nBenign + data.groups[i].nTrafficking;
    var groups = data.groups.map(function (g) {
      var fp = tailSum(g.benign, bin);
      var tp = tailSum(g.trafficking, bin);
      var fpr = g.nBenign > 0 ? fp / g.nBenign : null;
      var tpr = g.nTrafficking > 0 ? tp / g.nTrafficking : null;
      var ads = total > 0 ? (volume * (g.nBenign + g.nTrafficking)) / total : 0;
      var wrongShare = null;
      if (fpr !== null && tpr !== null) {
        var den = fpr * (1 - prevalence) + tpr * prevalence;
        wrongShare = den > 0 ? (fpr * (1 - prevalence)) / den : null;
      }
      return {
        group: g.group,
        fpr: fpr,
        benignFlaggedPer10k: fpr === null ? null : 10000 * fpr,
        wrongFlagsPerMonth: fpr === null ? null : ads * (1 - prevalence) * fpr,
        wrongFlagShare: wrongShare,
        missedPerMonth: tpr === null ? null : ads * prevalence * (1 - tpr)
      };
    });
    var fprs = groups.map(function (g) { return g.fpr; }).filter(function (x) { return x !== null; });
    var fprGap = fprs.length >= 2 ? Math.max.apply(null, fprs) - Math.min.apply(null, fprs) : null;
    var flips = 0;
    for (i = 0; i < data.twinScores.length; i++) {
      if ((data.twinScores[i][0] >= threshold) !== (data.twinScores[i][1] >= threshold)) flips++;
    }
    return { threshold: threshold, groups: groups, fprGap: fprGap, twinFlips: flips, twinPairs: data.twinScores.length };
  }

  var fmt = {
    per10k: function (x) { return x === null ? 'n/a' : x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }); },
    share: function (x) { return x === null ? 'n/a' : (100 * x).toFixed(1) + '%'; },
    count: function (x) { return x === null ? 'n/a' : Math.round(x).toLocaleString('en-US'); },
    gap: function (x) { return x === null ? 'n/a' : (100 * x).toFixed(1) + ' percentage points'; },
    threshold: function (t) { return t.toFixed(3); },
    prevalence: function (p) { return (+(100 * p).toFixed(1)) + '% (1 in ' + Math.round(1 / p).toLocaleString('en-US') + ' ads)'; }
  };

  function cell(group, field) {
    return document.querySelector('[data-group-index="' + group + '"] [data-field="' + field + '"]');
  }

  function summaryText(s, prevalence) {
    var defined = s.groups.filter(function (g) { return g.fpr !== null; });
    var text = 'Threshold ' + fmt.threshold(s.threshold) + ', prevalence ' + fmt.prevalence(prevalence) + '. ';
    if (defined.length >= 2) {
      var most = defined[0], least = defined[0];
      defined.forEach(function (g) {
        if (g.fpr > most.fpr) most = g;
        if (g.fpr < least.fpr) least = g;
      });
      text += 'Benign ads from ' + most.group + ' are flagged most often (' + fmt.per10k(most.benignFlaggedPer10k) +
        ' per 10,000), from ' + least.group + ' least often (' + fmt.per10k(least.benignFlaggedPer10k) +
        ' per 10,000). FPR gap: ' + fmt.gap(s.fprGap) + '. ';
      text += 'Of the flags on ' + most.group + ' ads, ' + fmt.share(most.wrongFlagShare) + ' are wrong. ';
    }
    if (s.twinPairs > 0) {
      text += s.twinFlips.toLocaleString('en-US') + ' of ' + s.twinPairs.toLocaleString('en-US') + ' twin pairs change flag when only the proxy attributes change.';
    }
    return text;
  }

  function update() {
    var bin = Number(thresholdInput.value);
    var prevalence = data.prevalenceChoices[Number(prevalenceInput.value)];
    var volume = Number(volumeInput.value);
    var volumeNote = document.getElementById('volume-note');
    if (volumeInput.value !== '' && volume > 0 && isFinite(volume)) {
      lastVolume = volume;
      volumeNote.textContent = '';
    } else {
      volumeNote.textContent = 'Enter a positive number of ads; using ' + fmt.count(lastVolume) + '.';
    }
    var s = stats(bin, prevalence, lastVolume);
    document.getElementById('threshold-out').textContent = fmt.threshold(s.threshold);
    thresholdInput.setAttribute('aria-valuetext', 'flag at score ' + fmt.threshold(s.threshold) + ' or above');
    document.getElementById('prevalence-out').textContent = fmt.prevalence(prevalence);
    prevalenceInput.setAttribute('aria-valuetext', fmt.prevalence(prevalence));
    var maxPer10k = 0;
    s.groups.forEach(function (g) { if (g.benignFlaggedPer10k !== null && g.benignFlaggedPer10k > maxPer10k) maxPer10k = g.benignFlaggedPer10k; });
    s.groups.forEach(function (g, i) {
      cell(i, 'per10k').textContent = fmt.per10k(g.benignFlaggedPer10k);
      cell(i, 'wrongShare').textContent = fmt.share(g.wrongFlagShare);
      cell(i, 'missed').textContent = fmt.count(g.missedPerMonth);
      cell(i, 'wrongFlags').textContent = fmt.count(g.wrongFlagsPerMonth);
      var bar = document.querySelector('[data-group-index="' + i + '"] .bar');
      bar.style.width = (maxPer10k > 0 && g.benignFlaggedPer10k !== null ? (100 * g.benignFlaggedPer10k) / maxPer10k : 0) + '%';
    });
    document.getElementById('fpr-gap').textContent = fmt.gap(s.fprGap);
    var line = document.getElementById('threshold-line');
    var region = document.getElementById('flagged-region');
    if (line && region) {
      var x = 1000 * s.threshold;
      line.setAttribute('x1', String(x));
      line.setAttribute('x2', String(x));
      region.setAttribute('x', String(x));
      region.setAttribute('width', String(1000 - x));
    }
    var pairs = document.querySelectorAll('[data-twin-score]');
    for (var j = 0; j < pairs.length; j++) {
      var flagged = Number(pairs[j].getAttribute('data-twin-score')) >= s.threshold;
      pairs[j].textContent = flagged ? 'FLAGGED' : 'not flagged';
      pairs[j].className = 'flag ' + (flagged ? 'flag-yes' : 'flag-no');
    }
    var rows = document.querySelectorAll('.twin-pair');
    for (j = 0; j < rows.length; j++) {
      var a = Number(rows[j].getAttribute('data-score-a')) >= s.threshold;
      var b = Number(rows[j].getAttribute('data-score-b')) >= s.threshold;
      rows[j].setAttribute('data-flip', a !== b ? 'yes' : 'no');
      rows[j].querySelector('.flip-note').textContent = a !== b ? 'The flag changes: only the proxy attributes differ.' : 'Same decision for both.';
    }
    var flipCount = document.getElementById('twin-flips');
    if (flipCount) flipCount.textContent = s.twinFlips.toLocaleString('en-US') + ' of ' + s.twinPairs.toLocaleString('en-US');
    document.getElementById('summary').textContent = summaryText(s, prevalence);
  }

  thresholdInput.addEventListener('input', update);
  prevalenceInput.addEventListener('input', update);
  volumeInput.addEventListener('input', update);
  update();
})();
`;

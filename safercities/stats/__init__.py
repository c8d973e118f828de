"""Pure-Python statistics for safety audits and victimization surveys.

No Django here: inputs are plain records (dicts, e.g. ``QuerySet.values()``
rows, or objects with attributes) so the web layer can feed querysets in.

* :mod:`.audit`: women's safety audit (safety walk) scores per spot and area,
  and which parameters go with feeling unsafe.
* :mod:`.survey`: victimization survey prevalence, reporting rate and fear of
  crime with Wilson intervals, breakdowns and the informal/formal gap.
* :mod:`.disclosure`: small-cell suppression shared by the above.
"""

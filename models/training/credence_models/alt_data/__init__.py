"""Alternative data, measured (issue 9, item 4): does the bank/UPI statement let us approve more
people at no higher default rate than the credit bureau alone? `npm run -s models:alt-data`.

    data.py            the portfolio's applications and the feature sets (bureau, statement, application)
    learner.py         one LightGBM protocol for every model: tuned on the training rows only, calibrated out of fold
    operating_point.py the credit policy's cut-off, the same-bad-rate threshold, the swap set
    evaluate.py        AUC by segment, approvals, bootstrap intervals
    report.py          the Markdown table the command prints
    __main__.py        the command
"""

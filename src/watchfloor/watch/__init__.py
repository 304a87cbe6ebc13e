"""Watch stage: polite polling of feeds and pages over a persisted state record (``polling``),
and delivery of alerts to webhooks, mail and a log file (``delivery``). No database access:
the store keeps the states, the service decides what to poll and what to alert on.
"""

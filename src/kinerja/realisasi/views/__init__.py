"""The period report pages, one module per audience: the employee, the appraiser, HR
monitoring, and the documents."""

"""The SKP pages, one module per audience: the plan, the appraiser, the matrix, the goals,
the completion report and the documents."""

"""perinatal: the shared platform for the first 1000 days in Flanders and Brussels."""

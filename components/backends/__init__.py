"""The backends: one abstract interface (base.Backend) that every view asks through, and its implementations —
memory.Memory over the in-memory model, sql.Engine over an ingested dataset in an analytical engine (DuckDB,
Spark). The questions they answer are records of analysis/questions.QUESTIONS."""

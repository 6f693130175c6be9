"""Operations: scheduled jobs, their run history and locks, status for operators."""

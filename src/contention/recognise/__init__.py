"""The learned recogniser: which event types, modality and flags each sentence of a report states."""

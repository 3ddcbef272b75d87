"""The plan as data: load (strict YAML), model, validate, index; every error located."""

"""One router a module; `api.main` includes them all."""

"""The forums API: stores anonymised parent views and lets parent carer forums read them."""

"""The Rasa assistant: configuration, domain, training data and custom actions."""

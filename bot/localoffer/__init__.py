"""The Local Offer: the directory of local services (ORUK), the glossary, and explanations.

Plain modules, importable without Rasa: ``oruk`` (reading Open Referral UK data),
``importer`` (building and swapping the directory snapshot), ``directory`` (search),
``query`` (reading a parent's request), ``postcodes`` (where places are),
``glossary`` (SEND words).
"""

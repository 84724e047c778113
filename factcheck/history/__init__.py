"""How claims changed over time: between two versions (``diff``) and one claim's timeline (``timeline``)."""

from .action import ActionKind, CampaignAction
from .signature import ActionTally, Signature

__all__ = ["ActionKind", "ActionTally", "CampaignAction", "Signature"]

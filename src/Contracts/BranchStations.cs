namespace StudentBase.Contracts;

/// <summary>A company's standing as a branch station (分站) of the base.</summary>
public enum BranchStationStanding
{
    /// <summary>The company applied; the base has not designated it yet.</summary>
    Applied = 1,
    /// <summary>Designated: it may post placements and sign agreements.</summary>
    Active = 2,
    /// <summary>It signs nothing new; running internships continue, flagged.</summary>
    Suspended = 3,
    /// <summary>The designation was revoked for good.</summary>
    Revoked = 4,
}

/// <summary>
/// Published by the Internships service when the base designates, suspends, reinstates or revokes a branch station, so
/// other services know which companies host the programme (e.g. for company visits).
/// </summary>
public record BranchStationStandingChanged(Guid BranchStationId, string Name, BranchStationStanding Standing, DateTimeOffset ChangedAt);

using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.PersonalData;

namespace Internships.BranchStations;

/// <summary>A company applied to become a branch station (分站) of the base. The contact is stored encrypted.</summary>
public record BranchStationApplied(
    Guid BranchStationId,
    string Name,
    string UnifiedSocialCreditCode,
    string Industry,
    [PersonalData] string EncryptedContact,
    DateTimeOffset AppliedAt);

/// <summary>The base designated the company a branch station (分站授牌): it may now post placements and sign agreements.</summary>
public record BranchStationDesignated(Guid BranchStationId, DateTimeOffset DesignatedAt);

/// <summary>The base suspended the branch station: it signs nothing new; running internships continue, flagged.</summary>
public record BranchStationSuspended(Guid BranchStationId, string Reason, DateTimeOffset SuspendedAt);

public record BranchStationReinstated(Guid BranchStationId, DateTimeOffset ReinstatedAt);

/// <summary>The base revoked the designation for good.</summary>
public record BranchStationRevoked(Guid BranchStationId, string Reason, DateTimeOffset RevokedAt);

public class BranchStation
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string UnifiedSocialCreditCode { get; set; } = "";
    public string Industry { get; set; } = "";
    [PersonalData]
    public string EncryptedContact { get; set; } = "";
    public BranchStationStanding Standing { get; set; }
    public string? StandingReason { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public DateTimeOffset? DesignatedAt { get; set; }

    public static BranchStation Create(BranchStationApplied applied) => new()
    {
        Id = applied.BranchStationId,
        Name = applied.Name,
        UnifiedSocialCreditCode = applied.UnifiedSocialCreditCode,
        Industry = applied.Industry,
        EncryptedContact = applied.EncryptedContact,
        Standing = BranchStationStanding.Applied,
        AppliedAt = applied.AppliedAt,
    };

    public void Apply(BranchStationDesignated designated)
    {
        Standing = BranchStationStanding.Active;
        StandingReason = null;
        DesignatedAt = designated.DesignatedAt;
    }

    public void Apply(BranchStationSuspended suspended)
    {
        Standing = BranchStationStanding.Suspended;
        StandingReason = suspended.Reason;
    }

    public void Apply(BranchStationReinstated _)
    {
        Standing = BranchStationStanding.Active;
        StandingReason = null;
    }

    public void Apply(BranchStationRevoked revoked)
    {
        Standing = BranchStationStanding.Revoked;
        StandingReason = revoked.Reason;
    }

    private BranchStationStandingChanged Changed(BranchStationStanding standing, DateTimeOffset now) => new(Id, Name, standing, now);

    /// <summary>The rules of a branch station's standing: each decision is its event, or a refusal naming the rule.</summary>
    public static class Decide
    {
        public static Decision Designate(BranchStation station, DateTimeOffset now) => station.Standing switch
        {
            BranchStationStanding.Applied => Decision.Of(new BranchStationDesignated(station.Id, now))
                .Publishing(station.Changed(BranchStationStanding.Active, now)),
            BranchStationStanding.Active => Decision.Nothing,
            _ => new Refusal("designation-needs-an-application",
                $"Only an applicant company can be designated; this branch station is {station.Standing}.",
                $"只有提出申请的企业才能认定为分站；该分站当前状态为 {station.Standing}。"),
        };

        public static Decision Suspend(BranchStation station, string reason, DateTimeOffset now) => station.Standing switch
        {
            BranchStationStanding.Active => Decision.Of(new BranchStationSuspended(station.Id, reason, now))
                .Publishing(station.Changed(BranchStationStanding.Suspended, now)),
            BranchStationStanding.Suspended => Decision.Nothing,
            _ => new Refusal("only-an-active-branch-station-is-suspended",
                $"Only an active branch station can be suspended; this one is {station.Standing}.",
                $"只有处于有效状态的分站才能暂停；该分站当前状态为 {station.Standing}。"),
        };

        public static Decision Reinstate(BranchStation station, DateTimeOffset now) => station.Standing switch
        {
            BranchStationStanding.Suspended => Decision.Of(new BranchStationReinstated(station.Id, now))
                .Publishing(station.Changed(BranchStationStanding.Active, now)),
            BranchStationStanding.Active => Decision.Nothing,
            _ => new Refusal("only-a-suspended-branch-station-is-reinstated",
                $"Only a suspended branch station can be reinstated; this one is {station.Standing}.",
                $"只有已暂停的分站才能恢复；该分站当前状态为 {station.Standing}。"),
        };

        public static Decision Revoke(BranchStation station, string reason, DateTimeOffset now) => station.Standing switch
        {
            BranchStationStanding.Active or BranchStationStanding.Suspended => Decision.Of(new BranchStationRevoked(station.Id, reason, now))
                .Publishing(station.Changed(BranchStationStanding.Revoked, now)),
            BranchStationStanding.Revoked => Decision.Nothing,
            _ => new Refusal("only-a-designated-branch-station-is-revoked",
                "An application that was never designated cannot be revoked.", "从未获认定的申请不能撤销。"),
        };
    }
}

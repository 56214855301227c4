using StudentBase.Contracts;
using StudentBase.EventSourcing;

namespace Internships.Permits.Watching;

/// <summary>What the base watches residence permits for (section <c>Internships:PermitWatch</c>).</summary>
public sealed class PermitWatchRules
{
    public const string Section = "Internships:PermitWatch";

    /// <summary>A permit that ends within this many days, while the person still needs it, is recorded as expiring.</summary>
    public int ExpiringWithinDays { get; set; } = 60;

    /// <summary>How often the watch runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The person's residence permit ends within the watch's window while they still need it: before the end of the internship
/// they are in or about to start (<paramref name="InternshipId"/>, <paramref name="NeededUntil"/> its agreed end), or while a
/// subsidy application of theirs is in progress (<paramref name="SubsidyApplicationId"/>; then no end, and the internship is
/// named too if they are in one). Recorded once per permit (its end date) and window.
/// </summary>
public record PermitExpiring(
    Guid PersonId, DateOnly ValidUntil, DateOnly? NeededUntil, Guid? InternshipId, DateTimeOffset RecordedAt, Guid? SubsidyApplicationId = null);

/// <summary>The person's residence permit lapsed while they still needed it (as for <see cref="PermitExpiring"/>): recorded once per permit.</summary>
public record PermitExpired(
    Guid PersonId, DateOnly ValidUntil, DateOnly? NeededUntil, Guid? InternshipId, DateTimeOffset RecordedAt, Guid? SubsidyApplicationId = null);

/// <summary>
/// Why a person needs a valid residence permit, and until when: the internship they are in or about to start that ends last
/// (until its agreed end, <paramref name="InternshipEnds"/>), a subsidy application of theirs in progress (for as long as it
/// runs), or both (then no end).
/// </summary>
public sealed record PermitNeed(Guid? InternshipId, DateOnly? InternshipEnds, Guid? SubsidyApplicationId)
{
    /// <summary>The last day the permit is needed; none while a subsidy application runs.</summary>
    public DateOnly? Until => SubsidyApplicationId is null ? InternshipEnds : null;

    public static PermitNeed ForInternship(Guid internshipId, DateOnly ends) => new(internshipId, ends, null);

    public static PermitNeed ForSubsidyApplication(Guid applicationId) => new(null, null, applicationId);

    /// <summary>Both needs at once: the internship of the two that ends later, and a subsidy application if either has one.</summary>
    public PermitNeed And(PermitNeed other)
    {
        var internship = InternshipEnds is null || other.InternshipEnds > InternshipEnds ? other : this;
        return new PermitNeed(internship.InternshipId, internship.InternshipEnds, SubsidyApplicationId ?? other.SubsidyApplicationId);
    }
}

/// <summary>The watch over one person's residence permit: what was recorded about which permit (one stream per person).</summary>
public class ResidencePermitWatch
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly? ExpiringRecordedFor { get; set; }
    public DateOnly? ExpiredRecordedFor { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateOnly? NeededUntil { get; set; }
    public Guid? InternshipId { get; set; }
    public Guid? SubsidyApplicationId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The stream of a person's watch, derived from the person so that two runs of the watch meet on the same stream.</summary>
    public static Guid IdOf(Guid personId) =>
        StreamIds.Named("residence-permit-watch:" + personId);

    public static ResidencePermitWatch Create(PermitExpiring expiring)
    {
        var watch = new ResidencePermitWatch { Id = IdOf(expiring.PersonId), PersonId = expiring.PersonId };
        watch.Apply(expiring);
        return watch;
    }

    public static ResidencePermitWatch Create(PermitExpired expired)
    {
        var watch = new ResidencePermitWatch { Id = IdOf(expired.PersonId), PersonId = expired.PersonId };
        watch.Apply(expired);
        return watch;
    }

    public void Apply(PermitExpiring expiring)
    {
        ExpiringRecordedFor = expiring.ValidUntil;
        (ValidUntil, NeededUntil, InternshipId, SubsidyApplicationId, RecordedAt) =
            (expiring.ValidUntil, expiring.NeededUntil, expiring.InternshipId, expiring.SubsidyApplicationId, expiring.RecordedAt);
    }

    public void Apply(PermitExpired expired)
    {
        ExpiredRecordedFor = expired.ValidUntil;
        (ValidUntil, NeededUntil, InternshipId, SubsidyApplicationId, RecordedAt) =
            (expired.ValidUntil, expired.NeededUntil, expired.InternshipId, expired.SubsidyApplicationId, expired.RecordedAt);
    }

    /// <summary>
    /// Given the person's permit end and their need, on <paramref name="today"/>: a permit that lapsed while still needed is
    /// expired; one that ends within the window while still needed is expiring; each is recorded once per permit end.
    /// </summary>
    public static IReadOnlyList<object> Decide(
        ResidencePermitWatch? watch, Guid personId, DateOnly validUntil, PermitNeed? need, DateOnly today, PermitWatchRules rules, DateTimeOffset now)
    {
        if (need is null || need.Until is { } until && (validUntil >= until || until < today))
        {
            return [];
        }

        if (validUntil < today)
        {
            return watch?.ExpiredRecordedFor == validUntil
                ? []
                : [new PermitExpired(personId, validUntil, need.Until, need.InternshipId, now, need.SubsidyApplicationId)];
        }

        return validUntil <= today.AddDays(rules.ExpiringWithinDays) && watch?.ExpiringRecordedFor != validUntil
            ? [new PermitExpiring(personId, validUntil, need.Until, need.InternshipId, now, need.SubsidyApplicationId)]
            : [];
    }
}

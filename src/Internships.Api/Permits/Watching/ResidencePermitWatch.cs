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
/// The person's residence permit ends within the watch's window, before the end of the internship they are in or about to
/// start (<paramref name="NeededUntil"/>): recorded once per permit (its end date) and window.
/// </summary>
public record PermitExpiring(Guid PersonId, DateOnly ValidUntil, DateOnly NeededUntil, Guid InternshipId, DateTimeOffset RecordedAt);

/// <summary>The person's residence permit lapsed while they still needed it: recorded once per permit.</summary>
public record PermitExpired(Guid PersonId, DateOnly ValidUntil, DateOnly NeededUntil, Guid InternshipId, DateTimeOffset RecordedAt);

/// <summary>Why a person needs a valid residence permit until a day: the internship they are in or about to start that ends last.</summary>
public sealed record PermitNeed(Guid InternshipId, DateOnly Until);

/// <summary>The watch over one person's residence permit: what was recorded about which permit (one stream per person).</summary>
public class ResidencePermitWatch
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly? ExpiringRecordedFor { get; set; }
    public DateOnly? ExpiredRecordedFor { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateOnly NeededUntil { get; set; }
    public Guid InternshipId { get; set; }
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
        (ValidUntil, NeededUntil, InternshipId, RecordedAt) = (expiring.ValidUntil, expiring.NeededUntil, expiring.InternshipId, expiring.RecordedAt);
    }

    public void Apply(PermitExpired expired)
    {
        ExpiredRecordedFor = expired.ValidUntil;
        (ValidUntil, NeededUntil, InternshipId, RecordedAt) = (expired.ValidUntil, expired.NeededUntil, expired.InternshipId, expired.RecordedAt);
    }

    /// <summary>
    /// Given the person's permit end and their need, on <paramref name="today"/>: a permit that lapsed while still needed is
    /// expired; one that ends within the window before the need ends is expiring; each is recorded once per permit end.
    /// </summary>
    public static IReadOnlyList<object> Decide(
        ResidencePermitWatch? watch, Guid personId, DateOnly validUntil, PermitNeed? need, DateOnly today, PermitWatchRules rules, DateTimeOffset now)
    {
        if (need is null || validUntil >= need.Until || need.Until < today)
        {
            return [];
        }

        if (validUntil < today)
        {
            return watch?.ExpiredRecordedFor == validUntil ? [] : [new PermitExpired(personId, validUntil, need.Until, need.InternshipId, now)];
        }

        return validUntil <= today.AddDays(rules.ExpiringWithinDays) && watch?.ExpiringRecordedFor != validUntil
            ? [new PermitExpiring(personId, validUntil, need.Until, need.InternshipId, now)]
            : [];
    }
}

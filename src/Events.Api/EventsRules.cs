namespace Events;

/// <summary>The Events service's configurable rules (section <c>Events:Rules</c>).</summary>
public sealed class EventsRules
{
    public const string Section = "Events:Rules";

    /// <summary>How long a seat offered from the waitlist is held before the offer passes to the next.</summary>
    public TimeSpan SeatOfferPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long before an offer lapses its student is reminded (only when the offer is held longer than this).</summary>
    public TimeSpan SeatOfferReminder { get; set; } = TimeSpan.FromHours(6);
}

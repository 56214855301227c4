namespace StudentBase.Contracts;

/// <summary>The city's time zone: China Standard Time, +08:00 all year (no daylight saving). Dates in agreements, schedules and policies are its dates.</summary>
public static class CityTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The city's calendar date at an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}

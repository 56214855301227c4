namespace StudentBase.Contracts;

/// <summary>The first and last moments the programme plans for; outside them a date is a typo, and date arithmetic could overflow.</summary>
public static class ProgrammeYears
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(2100, 12, 31, 23, 59, 59, TimeSpan.Zero);
}

using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Programme.MonthlyFigures;

/// <param name="Month">The city's calendar month, <c>yyyy-MM</c>.</param>
public record MonthFigures(
    string Month,
    int StudentsNominated,
    int IntentionsRecorded,
    int ConsentsGiven,
    int ConsentsRefused,
    int IntentionsWithdrawn,
    int IntentionsLapsed,
    int AgreementsSigned,
    int InternshipsStarted,
    int InternshipsCompleted,
    int InternshipsTerminated);

/// <param name="Months">Every month from the first asked to the last, in order; a month in which nothing happened is all zeros.</param>
/// <param name="EventsNotYetCounted">How far the figures trail the event store (the async daemon counts events within seconds).</param>
public record ProgrammeMonthlyFigures(IReadOnlyList<MonthFigures> Months, long EventsNotYetCounted)
{
    public static ProgrammeMonthlyFigures Example { get; } = new(
        [new MonthFigures("2026-06", 12, 9, 8, 1, 0, 0, 7, 5, 3, 0), new MonthFigures("2026-07", 4, 6, 5, 0, 1, 0, 5, 7, 2, 1)], 0);
}

public static class GetMonthlyFiguresEndpoint
{
    public const int MaxMonths = 120;

    private static string MonthFormat => PartnerLanguages.Text(
        $"A month as yyyy-MM between {ProgrammeYears.Earliest.Year} and {ProgrammeYears.Latest.Year}, e.g. 2026-07.",
        $"月份格式为 yyyy-MM，介于 {ProgrammeYears.Earliest.Year} 年与 {ProgrammeYears.Latest.Year} 年之间，例如 2026-07。");

    public static ProblemDetails Validate(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is not null && ParseMonth(from) is null)
        {
            errors["from"] = [MonthFormat];
        }

        if (to is not null && ParseMonth(to) is null)
        {
            errors["to"] = [MonthFormat];
        }

        if (errors.Count == 0 && ParseMonth(from) is { } first && ParseMonth(to) is { } last)
        {
            if (first > last)
            {
                errors["from"] = [PartnerLanguages.Text("The first month comes after the last.", "起始月份晚于结束月份。")];
            }
            else if (MonthsBetween(first, last) > MaxMonths)
            {
                errors["to"] = [PartnerLanguages.Text($"At most {MaxMonths} months at a time.", $"每次最多 {MaxMonths} 个月。")];
            }
        }

        return errors.Count == 0 ? WolverineContinue.NoProblems : Validation.Problem(errors);
    }

    /// <summary>
    /// The programme month by month, for reports and charts: what was recorded in each month of the city's calendar. By default
    /// the twelve months to this one; <c>from</c> and <c>to</c> (yyyy-MM, both included) choose others, up to 120 at a time.
    /// </summary>
    [WolverineGet("/api/programme/monthly-figures", Name = "GetProgrammeMonthlyFigures")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [EndpointSummary("The programme month by month: students nominated, intentions, consents, agreements, internships started and ended")]
    public static async Task<ProgrammeMonthlyFigures> Get(string? from, string? to, IQuerySession session, TimeProvider clock, CancellationToken cancellation)
    {
        var last = ParseMonth(to) ?? ParseMonth(from)?.AddMonths(11) ?? FirstDayOfMonth(CityTime.DateOf(clock.GetUtcNow()));
        var first = ParseMonth(from) ?? last.AddMonths(-11);
        var months = Enumerable.Range(0, MonthsBetween(first, last))
            .Select(offset => first.AddMonths(offset).ToString(ProgrammeMonth.Format, CultureInfo.InvariantCulture))
            .ToList();

        var counted = (await session.LoadManyAsync<ProgrammeMonth>(cancellation, months)).ToDictionary(month => month.Id);
        var figures = months
            .Select(month => counted.GetValueOrDefault(month) ?? new ProgrammeMonth { Id = month })
            .Select(month => new MonthFigures(month.Id, month.StudentsNominated, month.IntentionsRecorded, month.ConsentsGiven,
                month.ConsentsRefused, month.IntentionsWithdrawn, month.IntentionsLapsed, month.AgreementsSigned, month.InternshipsStarted,
                month.InternshipsCompleted, month.InternshipsTerminated))
            .ToList();
        return new ProgrammeMonthlyFigures(figures, await EventsNotYetCountedAsync(session, cancellation));
    }

    private static async Task<long> EventsNotYetCountedAsync(IQuerySession session, CancellationToken cancellation)
    {
        var statistics = await session.DocumentStore.Advanced.FetchEventStoreStatistics(token: cancellation);
        var progress = await session.DocumentStore.Advanced.AllProjectionProgress(token: cancellation);
        var counted = progress.FirstOrDefault(shard => shard.ShardName.StartsWith($"{nameof(ProgrammeMonth)}:", StringComparison.Ordinal))?.Sequence ?? 0;
        return Math.Max(0, statistics.EventSequenceNumber - counted);
    }

    /// <summary>The first day of a month written yyyy-MM within the programme's years, or null.</summary>
    private static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact(month, ProgrammeMonth.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
        && first.Year >= ProgrammeYears.Earliest.Year && first.Year <= ProgrammeYears.Latest.Year
            ? first
            : null;

    private static DateOnly FirstDayOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    private static int MonthsBetween(DateOnly first, DateOnly last) => (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
}

using Internships.Programme;
using Internships.Programme.MonthlyFigures;
using Internships.Tests.Internships;
using JasperFx.Events.Daemon;
using Marten.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Testing;

namespace Internships.Tests.Programme;

/// <summary>The programme month by month, counted by the async daemon from the events as they happened.</summary>
public class MonthlyFigures(InternshipsFixture fixture)
{
    private static string Month(DateTime instant) => ProgrammeMonth.Of(new DateTimeOffset(instant, TimeSpan.Zero));

    /// <summary>This month and the next, so a test run across midnight at a month's end still sees all it did.</summary>
    private static string ThisMonthAndTheNext => $"from={Month(DateTime.UtcNow)}&to={Month(DateTime.UtcNow.AddMonths(1))}";

    private async Task<ProgrammeMonthlyFigures> CountedAsync(string query)
    {
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return await fixture.GetAsync<ProgrammeMonthlyFigures>($"/api/programme/monthly-figures?{query}", PartnerKeys.Analyst);
    }

    private static MonthFigures Sum(ProgrammeMonthlyFigures figures) => figures.Months.Aggregate(
        new MonthFigures("", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        (sum, month) => new MonthFigures("", sum.StudentsNominated + month.StudentsNominated, sum.IntentionsRecorded + month.IntentionsRecorded,
            sum.ConsentsGiven + month.ConsentsGiven, sum.ConsentsRefused + month.ConsentsRefused, sum.IntentionsWithdrawn + month.IntentionsWithdrawn,
            sum.IntentionsLapsed + month.IntentionsLapsed, sum.AgreementsSigned + month.AgreementsSigned, sum.InternshipsStarted + month.InternshipsStarted,
            sum.InternshipsCompleted + month.InternshipsCompleted, sum.InternshipsTerminated + month.InternshipsTerminated));

    [Fact]
    public async Task a_month_counts_the_students_intentions_agreements_and_internships_recorded_in_it()
    {
        var before = Sum(await CountedAsync(ThisMonthAndTheNext));

        var parties = await InternshipParties.ArrangeAsync(fixture);
        await parties.IntentionAsync();
        var second = await parties.AnotherStudentAsync();
        var started = await second.StartedAsync();
        await fixture.PostAsync($"/api/internships/{started}/evaluations", new { stage = "Final", rating = 5, comments = "Excellent." }, second.CompanyKey);
        await fixture.PostAsync($"/api/internships/{started}/completion",
            new { endedOn = InternshipParties.AgreedEnd.ToString("yyyy-MM-dd"), certificateNumber = "C-91" }, second.CompanyKey);

        var figures = await CountedAsync(ThisMonthAndTheNext);
        var after = Sum(figures);

        figures.EventsNotYetCounted.ShouldBe(0);
        (after.StudentsNominated - before.StudentsNominated).ShouldBe(2);
        (after.IntentionsRecorded - before.IntentionsRecorded).ShouldBe(2);
        (after.ConsentsGiven - before.ConsentsGiven).ShouldBe(1);
        (after.AgreementsSigned - before.AgreementsSigned).ShouldBe(1);
        (after.InternshipsStarted - before.InternshipsStarted).ShouldBe(1);
        (after.InternshipsCompleted - before.InternshipsCompleted).ShouldBe(1);
        (after.InternshipsTerminated - before.InternshipsTerminated).ShouldBe(0);
    }

    [Fact]
    public async Task every_month_asked_for_is_answered_in_order_and_a_quiet_one_is_all_zeros()
    {
        var figures = await CountedAsync("from=2001-11&to=2002-02");

        figures.Months.Select(month => month.Month).ShouldBe(["2001-11", "2001-12", "2002-01", "2002-02"]);
        figures.Months.ShouldAllBe(month => month == new MonthFigures(month.Month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task by_default_the_figures_are_the_twelve_months_to_this_one()
    {
        var figures = await CountedAsync("");

        figures.Months.Count.ShouldBe(12);
        figures.Months[^1].Month.ShouldBeOneOf(Month(DateTime.UtcNow), Month(DateTime.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task rebuilding_them_from_the_history_gives_the_same_figures()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        await parties.IntentionAsync();
        var counted = await CountedAsync(ThisMonthAndTheNext);

        var daemon = fixture.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<ProgrammeMonthProjection>(TestContext.Current.CancellationToken);
        // A rebuild leaves the shard stopped; the node's daemon goes on from where the rebuild ended.
        await daemon.StartAgentAsync($"{nameof(ProgrammeMonth)}:All", TestContext.Current.CancellationToken);

        (await CountedAsync(ThisMonthAndTheNext)).Months.ShouldBe(counted.Months);
    }

    [Theory]
    [InlineData("from=2026-13", "from")]
    [InlineData("to=July", "to")]
    [InlineData("from=1999-12", "from")]
    [InlineData("to=2101-01", "to")]
    [InlineData("from=2026-07&to=2026-06", "from")]
    [InlineData("from=2000-01&to=2010-01", "to")]
    public async Task a_month_that_is_not_one_or_a_range_too_long_is_refused_naming_the_parameter(string query, string field)
    {
        var answer = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Analyst).Get.Url($"/api/programme/monthly-figures?{query}");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        answer.ReadAsJson<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()!.Errors.Keys.ShouldBe([field]);
    }
}

using Internships.Internships;
using Internships.Internships.Getting;
using Microsoft.AspNetCore.Hosting;
using StudentBase.Testing;

namespace Internships.Tests.Internships;

/// <summary>The service with a university decision period of seconds instead of days.</summary>
public sealed class ShortDeadlinesFixture : InternshipsFixture
{
    public static readonly TimeSpan DecisionPeriod = TimeSpan.FromSeconds(2);

    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting($"{InternshipRules.Section}:{nameof(InternshipRules.IntentionDecisionPeriod)}", DecisionPeriod.ToString());
}

/// <summary>Deadlines are scheduled messages: nobody has to remember them.</summary>
public class Deadlines(InternshipsFixture fixture)
{
    private static async Task<InternshipDetails> EventuallyAsync(InternshipsFixture fixture, Guid id, Func<InternshipDetails, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var details = await fixture.GetAsync<InternshipDetails>($"/api/internships/{id}");
            if (condition(details) || DateTime.UtcNow > deadline)
            {
                return details;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task a_final_evaluation_not_in_by_the_end_date_and_the_grace_period_raises_a_reminder()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.IntentionAsync();
        await fixture.PostAsync($"/api/internships/{id}/consent", new { }, parties.UniversityKey);
        var start = Given.Today.AddDays(-120);
        var end = Given.Today.AddDays(-30);
        await fixture.Host.Scenario(x =>
        {
            x.As(parties.CompanyKey).Put.Json(new
            {
                startDate = start.ToString("yyyy-MM-dd"), endDate = end.ToString("yyyy-MM-dd"), hoursPerWeek = 20, supervisor = "Zhang Wei",
                monthlyStipend = 0m, learningGoals = new[] { "scripts" },
            }).ToUrl($"/api/internships/{id}/agreement");
            x.StatusCodeShouldBe(204);
        });
        foreach (var party in new[] { "Student", "University", "Company" })
        {
            await parties.SignAsync(id, party);
        }

        await fixture.PostAsync($"/api/internships/{id}/permit-endorsement",
            new { place = Given.Workplace, validFrom = start.ToString("yyyy-MM-dd"), validUntil = end.ToString("yyyy-MM-dd"), reference = "EE-9" },
            PartnerKeys.ExitEntryOfficer);
        await fixture.PostAsync($"/api/internships/{id}/start", new { startedOn = start.ToString("yyyy-MM-dd") }, parties.CompanyKey);

        var reminded = await EventuallyAsync(fixture, id, details => details.FinalEvaluationIsOverdue);

        reminded.FinalEvaluationIsOverdue.ShouldBeTrue();
        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken))
            .Count(e => e.Data is FinalEvaluationOverdue).ShouldBe(1);
    }

    [Fact]
    public async Task a_reminder_is_not_raised_before_the_end_date()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.StartedAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        (await fixture.GetAsync<InternshipDetails>($"/api/internships/{id}")).FinalEvaluationIsOverdue.ShouldBeFalse();
    }
}

public class LapsingIntentions(ShortDeadlinesFixture fixture) : IClassFixture<ShortDeadlinesFixture>
{
    [Fact]
    public async Task an_intention_without_a_university_decision_lapses_by_itself()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.IntentionAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        InternshipDetails details;
        do
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            details = await fixture.GetAsync<InternshipDetails>($"/api/internships/{id}");
        }
        while (details.State != InternshipState.Lapsed && DateTime.UtcNow < deadline);

        details.State.ShouldBe(InternshipState.Lapsed);
        var late = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/consent", new { }, parties.UniversityKey);
        (await late.RuleAsync()).ShouldBe("intention-lapsed");
    }
}

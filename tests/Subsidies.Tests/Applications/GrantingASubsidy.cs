using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.Testing;
using Subsidies.Applications;
using Marten;

namespace Subsidies.Tests.Applications;

/// <summary>From an eligible application to paid instalments, through HTTP against PostgreSQL.</summary>
public class GrantingASubsidy(SubsidiesFixture fixture)
{
    private static readonly object Scores = new { scores = new { Innovation = 26, Team = 21, Market = 19, Feasibility = 17 }, comments = "Credible team." };

    /// <summary>A reviewer's own key, replicated from Internships as any partner key is.</summary>
    private async Task<(string PartnerId, string Key)> ReviewerAsync()
    {
        var partnerId = $"expert-{Guid.NewGuid():N}"[..20];
        var key = ApiKeys.Generate();
        await fixture.Host.InvokeAndWaitAsync(new PartnerApiKeyIssued(Guid.CreateVersion7(), partnerId, nameof(PartnerRole.SubsidyReviewer), null,
            ApiKeys.Hash(key), "reviewer", DateTimeOffset.UtcNow));
        return (partnerId, key);
    }

    private async Task<Guid> ReviewedAsync(int validReviews, bool withConflict = false)
    {
        var founder = await fixture.FounderAsync();
        var id = await fixture.DraftAsync(founder, Applying.Company(code: $"91350200MA8UEX{Random.Shared.Next(1000, 9999)}"));
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/submission")).Context.Response.StatusCode.ShouldBe(204);
        for (var i = 0; i < validReviews + (withConflict ? 1 : 0); i++)
        {
            var (reviewerId, key) = await ReviewerAsync();
            (await fixture.SendAsync($"/api/subsidy-applications/{id}/reviewers", new { reviewerId })).Context.Response.StatusCode.ShouldBe(204);
            if (withConflict && i == 0)
            {
                (await fixture.SendAsync($"/api/subsidy-applications/{id}/conflict-of-interest", new { reason = "I advised the founder." }, key))
                    .Context.Response.StatusCode.ShouldBe(204);
                var excluded = await fixture.SendAsync($"/api/subsidy-applications/{id}/reviews", Scores, key);
                excluded.Context.Response.StatusCode.ShouldBe(422);
                continue;
            }

            (await fixture.SendAsync($"/api/subsidy-applications/{id}/reviews", Scores, key)).Context.Response.StatusCode.ShouldBe(204);
        }

        return id;
    }

    [Fact]
    public async Task an_approval_whose_instalments_do_not_add_up_is_refused()
    {
        var id = await ReviewedAsync(3);

        var refused = await fixture.SendAsync($"/api/subsidy-applications/{id}/approval", new
        {
            amount = 400_000m,
            instalments = new[] { new { name = "On approval", amount = 200_000m, milestone = "Approved" }, new { name = "Later", amount = 150_000m, milestone = "Revenue" } },
        });

        refused.Context.Response.StatusCode.ShouldBe(StatusCodes.Status422UnprocessableEntity);
        (await refused.ReadAsTextAsync()).ShouldContain("instalments-add-up-to-the-amount");
        (await fixture.ApplicationAsync(id)).State.ShouldBe(ApplicationState.Eligible);
    }

    [Fact]
    public async Task a_reviewer_with_a_conflict_of_interest_does_not_count_towards_the_decision()
    {
        var id = await ReviewedAsync(2, withConflict: true);

        var refused = await fixture.SendAsync($"/api/subsidy-applications/{id}/approval", new { amount = 500_000m });

        (await refused.ReadAsTextAsync()).ShouldContain("decision-needs-enough-valid-reviews");
        (await fixture.ApplicationAsync(id)).ValidReviews.ShouldBe(2);
    }

    [Fact]
    public async Task two_concurrent_releases_of_one_instalment_pay_it_once()
    {
        var id = await ReviewedAsync(3);
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/approval", new { amount = 500_000m })).Context.Response.StatusCode.ShouldBe(204);
        // Committed with its event for the relay to publish; no service of ours subscribes to it yet.
        await using (var session = fixture.Host.DocumentStore().QuerySession())
        {
            var approved = (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken)).Single(e => e.Data is ApplicationApproved);
            var (type, message) = PublishedMessages.CarriedBy(approved).ShouldHaveSingleItem();
            type.ShouldBe(typeof(SubsidyApproved).FullName);
            ((SubsidyApproved)PublishedMessages.Read(message, typeof(SubsidyApproved))).Amount.ShouldBe(500_000m);
        }

        (await fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/1/milestone-verification", new { evidence = "Approval decision 2026-11-27." }))
            .Context.Response.StatusCode.ShouldBe(204);

        var releases = await Task.WhenAll(
            fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/1/release", new { paymentReference = "TORCH-FIN-1" }, PartnerKeys.Finance),
            fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/1/release", new { paymentReference = "TORCH-FIN-2" }, PartnerKeys.Finance));

        releases.Select(release => release.Context.Response.StatusCode).Order().ShouldBe([204, 422]);
        var application = await fixture.ApplicationAsync(id);
        application.Instalments[0].State.ShouldBe(InstalmentState.Released);
        application.Timeline.Count(entry => entry.Event == nameof(InstalmentReleased)).ShouldBe(1);
        application.GrantPolicyVersion.ShouldBe("2022-05");

        var pipeline = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Finance).Get.Url("/api/subsidy-pipeline")))
            .ReadAsJson<Subsidies.Applications.Pipeline.SubsidyPipeline>();
        pipeline.Paid.ShouldBeGreaterThanOrEqualTo(200_000m);
        (pipeline.Paid + pipeline.Outstanding + pipeline.Lapsed + pipeline.EndedByTermination).ShouldBe(pipeline.Granted);
        var mine = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url("/api/subsidy-applications?state=Approved&limit=200")))
            .ReadAsJson<StudentBase.Http.Page<Subsidies.Applications.Listing.ApplicationSummary>>();
        mine.Items.ShouldContain(item => item.Id == id && item.GrantedAmount == 500_000m);
    }

    [Fact]
    public async Task a_milestone_deadline_lapses_its_instalment_without_anyone_acting()
    {
        var id = await ReviewedAsync(3);
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/approval", new
        {
            amount = 500_000m,
            instalments = new object[]
            {
                new { name = "On approval", amount = 200_000m, milestone = "Approved" },
                new { name = "Recognition", amount = 300_000m, milestone = "Recognised as a high-tech enterprise", dueBy = DateTimeOffset.UtcNow.AddSeconds(2) },
            },
        })).Context.Response.StatusCode.ShouldBe(204);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        ApplicationDetailsView application;
        do
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            application = new(await fixture.ApplicationAsync(id));
        }
        while (application.Details.Instalments[1].State != InstalmentState.Lapsed && DateTime.UtcNow < deadline);

        application.Details.Instalments[1].State.ShouldBe(InstalmentState.Lapsed);
        application.Details.Instalments[0].State.ShouldBe(InstalmentState.Pending);
        var late = await fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/2/milestone-verification", new { evidence = "late certificate" });
        (await late.ReadAsTextAsync()).ShouldContain("instalment-lapsed");
    }

    [Fact]
    public async Task the_base_terminates_a_grant_claws_back_what_was_paid_and_closes_it()
    {
        var id = await ReviewedAsync(3);
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/approval", new { amount = 500_000m })).Context.Response.StatusCode.ShouldBe(204);
        await fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/1/milestone-verification", new { evidence = "Approval decision." });
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/withholding", new { reason = "Inquiry into the registered office." })).Context.Response.StatusCode
            .ShouldBe(204);
        var withheld = await fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/1/release", new { paymentReference = "PAY-1" }, PartnerKeys.Finance);
        (await withheld.ReadAsTextAsync()).ShouldContain("payments-withheld");
        await fixture.SendAsync($"/api/subsidy-applications/{id}/payment-resumption");
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/1/release", new { paymentReference = "PAY-1" }, PartnerKeys.Finance))
            .Context.Response.StatusCode.ShouldBe(204);

        (await fixture.SendAsync($"/api/subsidy-applications/{id}/termination", new { reason = "The company left the software park." })).Context.Response.StatusCode
            .ShouldBe(204);
        var tooMuch = await fixture.SendAsync($"/api/subsidy-applications/{id}/claw-back", new { amount = 200_000.01m, reason = "Left within a year." });
        (await tooMuch.ReadAsTextAsync()).ShouldContain("claw-back-at-most-what-was-paid");
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/claw-back", new { amount = 200_000m, reason = "Left within a year." })).Context.Response.StatusCode
            .ShouldBe(204);
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/closing")).Context.Response.StatusCode.ShouldBe(204);

        var closed = await fixture.ApplicationAsync(id);
        closed.State.ShouldBe(ApplicationState.Closed);
        closed.Timeline.Select(entry => entry.Event).ShouldContain(nameof(Subsidies.Applications.SubsidyTerminated));
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/instalments/2/milestone-verification", new { evidence = "late" })).Context.Response.StatusCode
            .ShouldBe(422);

        var told = await fixture.Host.InInboxAsync<SubsidyApplicationStateChanged>(Queues.InternshipsInbox, message => message.ApplicationId == id, expected: 4);
        told.OrderBy(message => message.Version).Select(message => (message.State, message.InProgress))
            .ShouldBe([("Eligible", true), ("Approved", true), ("Terminated", false), ("Closed", false)], "what Internships' permit watch learns");
        told.ShouldAllBe(message => message.ApplicantId == closed.ApplicantId);
    }

    private sealed record ApplicationDetailsView(Subsidies.Applications.Getting.ApplicationDetails Details);
}

using Alba;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Testing;
using Subsidies.Applications;
using Subsidies.Policies;
using Subsidies.Policies.WhatIf;
using Subsidies.Tests.Applications;

namespace Subsidies.Tests.Policies;

/// <summary>A service of its own, so the policy version published here for a what-if stays out of the other tests.</summary>
public sealed class WhatIfFixture : SubsidiesFixture;

/// <summary>The base asks who would have passed under a stricter policy: the answer names each application and why, and changes nothing.</summary>
public class AskingWhatIf(WhatIfFixture fixture) : IClassFixture<WhatIfFixture>
{
    [Fact]
    public async Task past_applications_are_judged_again_under_another_version_without_changing_any_record()
    {
        var modest = await fixture.DraftAsync(await fixture.FounderAsync(), Applying.Company(rdSpend: 260_000m, code: "91350200MA8UEX3L0B"));
        var ambitious = await fixture.DraftAsync(await fixture.FounderAsync(), Applying.Company(rdSpend: 350_000m, code: "91350200MA8UEX4M1C"));
        await fixture.SendAsync($"/api/subsidy-applications/{modest}/submission");
        await fixture.SendAsync($"/api/subsidy-applications/{ambitious}/submission");
        var policy = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url("/api/subsidy-policies/2022-05")))
            .ReadAsJson<SubsidyPolicyTerms>()!;
        var stricter = policy with
        {
            Version = "2030-01", EffectiveFrom = new DateOnly(2030, 1, 1),
            Eligibility = policy.Eligibility with { MinimumRdSpend = 300_000m },
        };
        (await fixture.SendAsync("/api/subsidy-policies", stricter)).Context.Response.StatusCode.ShouldBe(StatusCodes.Status201Created);
        var eventsBefore = await CountEventsAsync();

        var run = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url("/api/subsidy-policies/2030-01/what-if")))
            .ReadAsJson<WhatIfRun>()!;

        run.PolicyVersion.ShouldBe("2030-01");
        var modestOutcome = run.Outcomes.Single(outcome => outcome.ApplicationId == modest);
        modestOutcome.AssessedUnder.ShouldBe("2022-05");
        modestOutcome.WasEligible.ShouldBeTrue();
        modestOutcome.WouldBeEligible.ShouldBeFalse();
        modestOutcome.Changed.ShouldBeTrue();
        var failed = modestOutcome.Criteria.Where(criterion => !criterion.Passed).ShouldHaveSingleItem();
        failed.Criterion.ShouldBe("rd-spend");
        failed.Reason.ShouldContain("300,000");
        run.Outcomes.Single(outcome => outcome.ApplicationId == ambitious).WouldBeEligible.ShouldBeTrue();
        run.Changed.ShouldBe(1);
        (run.WouldPass + run.WouldFail).ShouldBe(run.Applications);

        (await CountEventsAsync()).ShouldBe(eventsBefore);
        var stored = await fixture.ApplicationAsync(modest);
        stored.Assessment!.PolicyVersion.ShouldBe("2022-05");
        stored.State.ShouldBe(ApplicationState.Eligible);
    }

    [Fact]
    public async Task an_unknown_version_or_an_empty_range_is_refused()
    {
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Analyst).Get.Url("/api/subsidy-policies/1999-01/what-if");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Analyst).Get.Url("/api/subsidy-policies/2022-05/what-if?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
    }

    private async Task<long> CountEventsAsync()
    {
        await using var session = fixture.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync(TestContext.Current.CancellationToken);
    }
}

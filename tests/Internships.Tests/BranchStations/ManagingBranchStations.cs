using System.Text.Json.Nodes;
using Alba;
using Internships.BranchStations;
using Internships.BranchStations.Getting;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Testing;
using Wolverine.Http;
using Wolverine.Tracking;

namespace Internships.Tests.BranchStations;

public class ManagingBranchStations(InternshipsFixture fixture)
{
    private static object Application(string code) => new
    {
        name = "Xiamen Paoyou Network Technology Co., Ltd.",
        unifiedSocialCreditCode = code,
        industry = "Digital content",
        contact = new { name = "Lin Wei", phone = "+86 592 555 0101", email = "hr@paoyou.example" },
    };

    private async Task<Guid> ApplyAsync(string code)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Application(code)).ToUrl("/api/branch-stations");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<NewResource<Guid>>().Id;
    }

    private Task<IScenarioResult> ChangeAsync(Guid id, string change, object? body = null, string? ifMatch = null) =>
        fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(body ?? new { }).ToUrl($"/api/branch-stations/{id}/{change}");
            if (ifMatch is not null)
            {
                x.WithRequestHeader("If-Match", ifMatch);
            }

            x.IgnoreStatusCode();
        });

    private async Task<BranchStationDetails> GetAsync(Guid id, string key = PartnerKeys.BaseAdministrator) =>
        (await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/branch-stations/{id}"))).ReadAsJson<BranchStationDetails>();

    [Fact]
    public async Task a_company_applies_is_designated_suspended_reinstated_and_revoked()
    {
        var id = await ApplyAsync(Given.NewCreditCode());
        (await GetAsync(id)).Standing.ShouldBe(BranchStationStanding.Applied);

        (await ChangeAsync(id, "designation", ifMatch: "\"1\"")).Context.Response.StatusCode.ShouldBe(204);
        (await GetAsync(id)).Standing.ShouldBe(BranchStationStanding.Active);

        (await ChangeAsync(id, "suspension", new { reason = "complaint from an intern" })).Context.Response.StatusCode.ShouldBe(204);
        var suspended = await GetAsync(id);
        suspended.Standing.ShouldBe(BranchStationStanding.Suspended);
        suspended.StandingReason.ShouldBe("complaint from an intern");

        (await ChangeAsync(id, "reinstatement")).Context.Response.StatusCode.ShouldBe(204);
        (await ChangeAsync(id, "revocation", new { reason = "the company closed" })).Context.Response.StatusCode.ShouldBe(204);
        var revoked = await GetAsync(id);
        revoked.Standing.ShouldBe(BranchStationStanding.Revoked);
        revoked.Version.ShouldBe(5);
    }

    [Fact]
    public async Task each_change_of_standing_is_published_once_to_the_events_service_after_the_answer()
    {
        var id = await ApplyAsync(Given.NewCreditCode());

        var designating = await fixture.Host.TrackAsync(() => ChangeAsync(id, "designation"));
        await ChangeAsync(id, "designation");
        await ChangeAsync(id, "suspension", new { reason = "complaint" });

        designating.Sent.AllMessages().ShouldBeEmpty();
        await fixture.Host.RelayCaughtUpAsync();
        var published = await fixture.Host.InInboxAsync<BranchStationStandingChanged>(Queues.EventsInbox, message => message.BranchStationId == id, expected: 2);
        published.Select(changed => changed.Standing).ShouldBe([BranchStationStanding.Active, BranchStationStanding.Suspended], ignoreOrder: true);
        published.ShouldAllBe(changed => changed.Name == "Xiamen Paoyou Network Technology Co., Ltd.");
    }

    [Fact]
    public async Task a_refused_change_names_the_rule_and_changes_nothing()
    {
        var id = await ApplyAsync(Given.NewCreditCode());

        var refused = await ChangeAsync(id, "suspension", new { reason = "too early" });

        refused.Context.Response.StatusCode.ShouldBe(StatusCodes.Status422UnprocessableEntity);
        var problem = (await refused.ReadAsJsonAsync<JsonObject>())!;
        problem["type"]!.GetValue<string>().ShouldBe("/problems/rule-violated");
        problem["rule"]!.GetValue<string>().ShouldBe("only-an-active-branch-station-is-suspended");
        (await GetAsync(id)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task repeating_a_change_is_harmless_and_a_stale_etag_is_refused()
    {
        var id = await ApplyAsync(Given.NewCreditCode());
        (await ChangeAsync(id, "designation")).Context.Response.StatusCode.ShouldBe(204);
        (await ChangeAsync(id, "designation")).Context.Response.StatusCode.ShouldBe(204);
        (await GetAsync(id)).Version.ShouldBe(2);

        (await ChangeAsync(id, "suspension", new { reason = "stale" }, ifMatch: "\"1\"")).Context.Response.StatusCode
            .ShouldBe(StatusCodes.Status412PreconditionFailed);
    }

    [Fact]
    public async Task one_company_has_one_branch_station()
    {
        var code = Given.NewCreditCode();
        await ApplyAsync(code);

        var again = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Application(code)).ToUrl("/api/branch-stations");
            x.StatusCodeShouldBe(StatusCodes.Status422UnprocessableEntity);
        });
        (await again.ReadAsJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("one-branch-station-per-company");
    }

    [Fact]
    public async Task concurrent_applications_of_one_company_make_one_branch_station()
    {
        var code = Given.NewCreditCode();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Application(code)).ToUrl("/api/branch-stations");
            x.IgnoreStatusCode();
        })));

        var statuses = attempts.Select(attempt => attempt.Context.Response.StatusCode).ToList();
        statuses.Count(status => status == StatusCodes.Status201Created).ShouldBe(1);
        statuses.ShouldAllBe(status => status == 201 || status == 409 || status == 422);
    }

    [Theory]
    [InlineData("91350200MA31J7W43R", "unifiedSocialCreditCode")]
    [InlineData("not a code", "unifiedSocialCreditCode")]
    public async Task a_code_without_a_valid_check_character_is_refused(string code, string field)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Application(code)).ToUrl("/api/branch-stations");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        (await result.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
    }

    [Fact]
    public async Task the_contact_is_shown_to_the_base_and_the_company_only()
    {
        var id = await ApplyAsync(Given.NewCreditCode());

        (await GetAsync(id)).Contact!.Email.ShouldBe("hr@paoyou.example");
        (await GetAsync(id, PartnerKeys.Analyst)).Contact.ShouldBeNull();
        (await GetAsync(id, PartnerKeys.XiamenUniversityKey)).Contact.ShouldBeNull();
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Company).Get.Url($"/api/branch-stations/{id}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        fixture.Logs.Lines.ShouldAllBe(line => !line.Contains("hr@paoyou.example"));
    }
}

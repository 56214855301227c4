using Internships.Placements;
using Internships.Placements.Getting;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;

namespace Internships.Tests.Placements;

public class ManagingPlacements(InternshipsFixture fixture)
{
    private static object Offer(int slots = 2, string title = "Script writing") => new
    {
        title, description = "Short-video scripts", slots, startDate = "2027-07-01", endDate = "2027-09-30", location = Given.Workplace,
    };

    [Fact]
    public async Task a_company_posts_the_base_sends_back_the_company_resubmits_and_the_base_approves()
    {
        var station = await fixture.BranchStationAsync();
        var companyKey = await fixture.KeyAsync("Company", station);
        var id = await fixture.CreateAsync("/api/placements", new { branchStationId = station, offer = Offer() }, companyKey);
        (await fixture.GetAsync<PlacementDetails>($"/api/placements/{id}", companyKey)).State.ShouldBe(PlacementState.AwaitingApproval);

        await fixture.PostAsync($"/api/placements/{id}/send-back", new { reason = "Please give the weekly hours." });
        var sentBack = await fixture.GetAsync<PlacementDetails>($"/api/placements/{id}", companyKey);
        sentBack.State.ShouldBe(PlacementState.SentBack);
        sentBack.StateReason.ShouldBe("Please give the weekly hours.");

        await fixture.PostAsync($"/api/placements/{id}/resubmission", Offer(title: "Script writing, 24 hours a week"), companyKey);
        await fixture.PostAsync($"/api/placements/{id}/approval", new { });

        var open = await fixture.GetAsync<PlacementDetails>($"/api/placements/{id}");
        open.State.ShouldBe(PlacementState.Open);
        open.Offer.Title.ShouldBe("Script writing, 24 hours a week");
        open.SlotsLeft.ShouldBe(2);
        open.Version.ShouldBe(4);
    }

    [Fact]
    public async Task a_company_posts_and_sees_only_for_its_own_branch_station()
    {
        var station = await fixture.BranchStationAsync();
        var other = await fixture.BranchStationAsync();
        var companyKey = await fixture.KeyAsync("Company", station);
        var othersPlacement = await fixture.OpenPlacementAsync(other);

        var forOther = await fixture.TryAsync(HttpMethod.Post, "/api/placements", new { branchStationId = other, offer = Offer() }, companyKey);
        forOther.Context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);
        await fixture.Host.Scenario(x =>
        {
            x.As(companyKey).Get.Url($"/api/placements/{othersPlacement}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(companyKey).Get.Url($"/api/placements?branchStationId={other}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        var withdrawOther = await fixture.TryAsync(HttpMethod.Post, $"/api/placements/{othersPlacement}/withdrawal", new { reason = "x" }, companyKey);
        withdrawOther.Context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
    }

    [Fact]
    public async Task only_an_active_branch_station_posts_placements()
    {
        var applicant = await fixture.BranchStationAsync(designated: false);

        var refused = await fixture.TryAsync(HttpMethod.Post, "/api/placements", new { branchStationId = applicant, offer = Offer() });

        (await refused.RuleAsync()).ShouldBe("only-an-active-branch-station-posts-placements");
    }

    [Fact]
    public async Task a_branch_stations_open_placements_are_listed_with_their_slots_left()
    {
        var station = await fixture.BranchStationAsync();
        var companyKey = await fixture.KeyAsync("Company", station);
        var open = await fixture.OpenPlacementAsync(station, slots: 3);
        var withdrawn = await fixture.OpenPlacementAsync(station);
        await fixture.PostAsync($"/api/placements/{withdrawn}/withdrawal", new { reason = "The project was cancelled." }, companyKey);

        var page = await fixture.GetAsync<Page<PlacementDetails>>("/api/placements?state=Open", companyKey);

        page.Items.ShouldHaveSingleItem().Id.ShouldBe(open);
        page.Items[0].SlotsLeft.ShouldBe(3);
        (await fixture.GetAsync<Page<PlacementDetails>>($"/api/placements?branchStationId={station}")).Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_period_that_ends_before_it_starts_is_a_validation_problem()
    {
        var station = await fixture.BranchStationAsync();
        var result = await fixture.TryAsync(HttpMethod.Post, "/api/placements", new
        {
            branchStationId = station,
            offer = new { title = "x", description = "y", slots = 1, startDate = "2027-07-01", endDate = "2027-06-30", location = "z" },
        });

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
    }
}

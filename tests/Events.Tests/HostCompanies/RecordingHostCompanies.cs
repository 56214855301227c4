using Events.HostCompanies.Listing;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Testing;

namespace Events.Tests.HostCompanies;

/// <summary>The branch stations Internships reports become the host companies Events knows, in their latest standing.</summary>
public class RecordingHostCompanies(EventsFixture fixture)
{
    private async Task<HostCompanySummary?> FindAsync(Guid id)
    {
        var page = await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url("/api/host-companies?limit=200"));
        return page.ReadAsJson<Page<HostCompanySummary>>().Items.SingleOrDefault(company => company.Id == id);
    }

    [Fact]
    public async Task the_latest_standing_wins_even_when_messages_arrive_late_or_twice()
    {
        var id = Guid.CreateVersion7();
        var designatedAt = new DateTimeOffset(2022, 6, 1, 15, 0, 0, TimeSpan.FromHours(8));
        var designated = new BranchStationStandingChanged(id, "Xiamen Paoyou Network Technology", BranchStationStanding.Active, designatedAt);
        var suspended = designated with { Standing = BranchStationStanding.Suspended, ChangedAt = designatedAt.AddMonths(3) };

        await fixture.Host.InvokeAndWaitAsync(designated);
        await fixture.Host.InvokeAndWaitAsync(suspended);
        await fixture.Host.InvokeAndWaitAsync(designated);
        await fixture.Host.InvokeAndWaitAsync(suspended);

        var company = (await FindAsync(id)).ShouldNotBeNull();
        company.Standing.ShouldBe(BranchStationStanding.Suspended);
        company.Name.ShouldBe("Xiamen Paoyou Network Technology");
        var active = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url("/api/host-companies?standing=Active&limit=200"));
        active.ReadAsJson<Page<HostCompanySummary>>().Items.ShouldNotContain(item => item.Id == id);
    }
}

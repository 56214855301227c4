using Internships.BranchStations;
using StudentBase.Contracts;
using StudentBase.Http;

namespace Internships.Tests.BranchStations;

/// <summary>Given a branch station's history, when the base changes its standing, then its event or a named refusal.</summary>
public class DecidingBranchStationStanding
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 15, 0, 0, TimeSpan.FromHours(8));

    private static BranchStation Given(params object[] history)
    {
        var station = BranchStation.Create(new BranchStationApplied(Guid.CreateVersion7(), "Paoyou", "9144030071526726XG", "Digital content", "sealed", Now.AddDays(-20)));
        foreach (var happened in history)
        {
            switch (happened)
            {
                case BranchStationDesignated designated: station.Apply(designated); break;
                case BranchStationSuspended suspended: station.Apply(suspended); break;
                case BranchStationReinstated reinstated: station.Apply(reinstated); break;
                case BranchStationRevoked revoked: station.Apply(revoked); break;
            }
        }

        return station;
    }

    private static BranchStationDesignated Designated => new(Guid.Empty, Now.AddDays(-10));
    private static BranchStationSuspended Suspended => new(Guid.Empty, "complaint", Now.AddDays(-5));
    private static BranchStationRevoked Revoked => new(Guid.Empty, "closed", Now.AddDays(-1));

    [Fact]
    public void an_applicant_is_designated()
    {
        var station = Given();
        BranchStation.Decide.Designate(station, Now).Events.ShouldBe([new BranchStationDesignated(station.Id, Now)]);
    }

    [Fact]
    public void designating_an_active_branch_station_again_decides_nothing() =>
        BranchStation.Decide.Designate(Given(Designated), Now).ShouldBe(Decision.Nothing);

    [Fact]
    public void a_revoked_branch_station_is_not_designated_again() =>
        BranchStation.Decide.Designate(Given(Designated, Revoked), Now).Refusal!.Rule.ShouldBe("designation-needs-an-application");

    [Fact]
    public void an_active_branch_station_is_suspended_with_its_reason()
    {
        var station = Given(Designated);
        BranchStation.Decide.Suspend(station, "complaint", Now).Events.ShouldBe([new BranchStationSuspended(station.Id, "complaint", Now)]);
    }

    [Fact]
    public void an_applicant_cannot_be_suspended() =>
        BranchStation.Decide.Suspend(Given(), "x", Now).Refusal!.Rule.ShouldBe("only-an-active-branch-station-is-suspended");

    [Fact]
    public void a_suspended_branch_station_is_reinstated_and_an_active_one_needs_nothing()
    {
        var station = Given(Designated, Suspended);
        BranchStation.Decide.Reinstate(station, Now).Events.ShouldBe([new BranchStationReinstated(station.Id, Now)]);
        BranchStation.Decide.Reinstate(Given(Designated), Now).ShouldBe(Decision.Nothing);
        BranchStation.Decide.Reinstate(Given(), Now).Refusal!.Rule.ShouldBe("only-a-suspended-branch-station-is-reinstated");
    }

    [Fact]
    public void an_active_or_suspended_branch_station_is_revoked_but_an_applicant_is_not()
    {
        BranchStation.Decide.Revoke(Given(Designated), "closed", Now).Events.ShouldHaveSingleItem().ShouldBeOfType<BranchStationRevoked>();
        BranchStation.Decide.Revoke(Given(Designated, Suspended), "closed", Now).Events.ShouldHaveSingleItem().ShouldBeOfType<BranchStationRevoked>();
        BranchStation.Decide.Revoke(Given(Designated, Revoked), "again", Now).ShouldBe(Decision.Nothing);
        BranchStation.Decide.Revoke(Given(), "x", Now).Refusal!.Rule.ShouldBe("only-a-designated-branch-station-is-revoked");
    }

    [Theory]
    [InlineData("9144030071526726XG", true)]
    [InlineData("91110000802100433B", true)]
    [InlineData("91350200MA31J7W439", true)]
    [InlineData("91350200MA31J7W43R", false)]
    [InlineData("9144030071526726xg", false)]
    [InlineData("9144030071526726I0", false)]
    [InlineData("9144030071526726X", false)]
    [InlineData("", false)]
    public void a_unified_social_credit_code_is_valid_only_with_its_check_character(string code, bool valid) =>
        UnifiedSocialCreditCode.IsValid(code).ShouldBe(valid);
}

namespace StudentBase.EventSourcing.Tests;

/// <summary>Replicas of a service elect one node (the daemon, the start-up) with an advisory lock id of the service's own.</summary>
public class ElectingOneNode
{
    [Fact]
    public void a_services_lock_id_is_the_same_in_every_run_and_on_every_node() =>
        EventSourcingExtensions.LockIdFor("internships").ShouldBe(EventSourcingExtensions.LockIdFor("internships"));

    [Fact]
    public void each_service_and_purpose_has_a_lock_of_its_own()
    {
        string[] names = ["internships", "events", "subsidies", "internships:startup", "events:startup", "subsidies:startup"];

        names.Select(EventSourcingExtensions.LockIdFor).ShouldBeUnique();
    }

    [Theory]
    [InlineData("internships")]
    [InlineData("a-much-longer-service-name-than-any-of-ours:startup")]
    public void a_lock_id_is_a_positive_int(string name) => EventSourcingExtensions.LockIdFor(name).ShouldBeInRange(0, 0x3FFFFFFF);
}

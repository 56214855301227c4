using StudentBase.Testing;

[assembly: AssemblyFixture(typeof(Events.Tests.EventsFixture))]

namespace Events.Tests;

public sealed class EventsFixture : ServiceFixture<Program>
{
    protected override string DatabasePrefix => "events";
}

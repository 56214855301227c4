using StudentBase.Testing;

// Wolverine tracks one session of message activity per host at a time, so tests that wait on it run one by one.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
[assembly: AssemblyFixture(typeof(Subsidies.Tests.SubsidiesFixture))]

namespace Subsidies.Tests;

public class SubsidiesFixture : ServiceFixture<Program>
{
    protected override string DatabasePrefix => "subsidies";
}

using StudentBase.Testing;

[assembly: AssemblyFixture(typeof(Subsidies.Tests.SubsidiesFixture))]

namespace Subsidies.Tests;

public sealed class SubsidiesFixture : ServiceFixture<Program>
{
    protected override string DatabasePrefix => "subsidies";
}

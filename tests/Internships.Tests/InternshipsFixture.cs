using StudentBase.Testing;

[assembly: AssemblyFixture(typeof(Internships.Tests.InternshipsFixture))]

namespace Internships.Tests;

public sealed class InternshipsFixture : ServiceFixture<Program>
{
    protected override string DatabasePrefix => "internships";
}

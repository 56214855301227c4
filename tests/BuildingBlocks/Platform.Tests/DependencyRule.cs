using System.Reflection;

namespace StudentBase.Platform.Tests;

/// <summary>
/// The building blocks depend one way: each knows only those below it, and none knows a service. The project references make
/// a cycle impossible; this says which way each block may look, and fails when a block starts to use one it should not.
/// </summary>
public class DependencyRule
{
    public static TheoryData<string, string[]> Blocks => new()
    {
        { "Contracts", ["StudentBase.PersonalData"] },
        { "ServiceDefaults", [] },
        { "StudentBase.Http", [] },
        { "StudentBase.PersonalData", [] },
        { "StudentBase.EventSourcing", ["StudentBase.Http", "Contracts"] },
        { "StudentBase.Partners", ["StudentBase.Http", "StudentBase.EventSourcing", "StudentBase.PersonalData", "Contracts"] },
        { "StudentBase.Operations", ["StudentBase.Http", "StudentBase.EventSourcing", "StudentBase.Partners", "StudentBase.PersonalData", "Contracts"] },
        {
            "StudentBase.History",
            ["StudentBase.Http", "StudentBase.EventSourcing", "StudentBase.Partners", "StudentBase.PersonalData", "StudentBase.Operations", "Contracts"]
        },
        { "StudentBase.Webhooks", ["StudentBase.Http", "StudentBase.EventSourcing", "StudentBase.Partners", "StudentBase.PersonalData", "Contracts"] },
        {
            "StudentBase.Platform",
            [
                "StudentBase.Http", "StudentBase.EventSourcing", "StudentBase.Partners", "StudentBase.PersonalData", "StudentBase.Operations", "StudentBase.History",
                "StudentBase.Webhooks", "Contracts",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void a_block_uses_only_the_blocks_below_it(string block, string[] below)
    {
        var uses = Assembly.Load(block).GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("StudentBase.", StringComparison.Ordinal)
                           || name is "Contracts" or "ServiceDefaults" or "Internships.Api" or "Events.Api" or "Subsidies.Api");

        uses.ShouldBeSubsetOf(below, $"{block} may use only {string.Join(", ", below)}");
    }
}

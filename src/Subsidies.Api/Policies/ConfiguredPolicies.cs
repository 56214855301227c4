using Marten;
using StudentBase.EventSourcing;

namespace Subsidies.Policies;

/// <summary>
/// Publishes, once, each policy version listed in configuration (<c>Subsidies:Policies</c>; the 2022 support measures by
/// default, in appsettings.json), so a fresh system applies the city's policy without anyone typing it in.
/// </summary>
public sealed class ConfiguredPolicies(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public const string Section = "Subsidies:Policies";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetSection(Section).Get<List<SubsidyPolicyTerms>>() ?? [];
        foreach (var terms in configured)
        {
            var problems = SubsidyPolicyTerms.Validator.Instance.Validate(terms);
            if (!problems.IsValid)
            {
                throw new InvalidOperationException($"The configured subsidy policy '{terms.Version}' is invalid: {problems}");
            }

            var id = SubsidyPolicy.IdOf(terms.Version);
            await store.StartStreamOnceAsync<SubsidyPolicy>(id, new SubsidyPolicyPublished(id, terms, clock.GetUtcNow()), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Marten;

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

            await using var session = store.LightweightSession();
            var id = SubsidyPolicy.IdOf(terms.Version);
            if (await session.Events.FetchStreamStateAsync(id, cancellationToken) is not null)
            {
                continue;
            }

            session.Events.StartStream<SubsidyPolicy>(id, new SubsidyPolicyPublished(id, terms, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                // Another replica published it first.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

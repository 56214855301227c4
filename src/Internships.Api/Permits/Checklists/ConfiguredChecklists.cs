using Marten;
using StudentBase.EventSourcing;

namespace Internships.Permits.Checklists;

/// <summary>
/// Publishes, once, each checklist version listed in configuration (<c>Internships:PermitChecklists</c>; the 2026-01
/// checklists by default, in appsettings.json), so a fresh system knows what each permit asks for.
/// </summary>
public sealed class ConfiguredChecklists(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public const string Section = "Internships:PermitChecklists";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var terms in configuration.GetSection(Section).Get<List<PermitChecklistTerms>>() ?? [])
        {
            var problems = PermitChecklistTerms.Validator.Instance.Validate(terms);
            if (!problems.IsValid)
            {
                throw new InvalidOperationException($"The configured permit checklist '{terms.Version}' is invalid: {problems}");
            }

            var id = PermitChecklist.IdOf(terms.Version);
            await store.StartStreamOnceAsync<PermitChecklist>(id, new PermitChecklistPublished(id, terms, clock.GetUtcNow()), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

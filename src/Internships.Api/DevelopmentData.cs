using Internships.BranchStations;
using Internships.PersonalData;
using Internships.Universities;
using StudentBase.Contracts;
using Marten;
using StudentBase.Http;

namespace Internships;

/// <summary>
/// In Development, the universities and the branch station that the seeded partner keys
/// (src/BuildingBlocks/Partners/partners.Development.json) are bound to, so those keys work from the first start. The branch
/// station's designation is published through the outbox like any other.
/// </summary>
public sealed class DevelopmentData(IServiceScopeFactory scopes, IHostEnvironment environment, TimeProvider clock) : IHostedService
{
    public static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");
    public static readonly Guid JimeiUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a002");
    public static readonly Guid PaoyouBranchStation = Guid.Parse("0196f0c4-0000-7000-8000-00000000b001");
    private const string Paoyou = "Xiamen Paoyou Network Technology Co., Ltd. (厦门泡游网络科技有限公司)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
        var now = clock.GetUtcNow();
        if (await session.Events.FetchStreamStateAsync(XiamenUniversity, cancellationToken) is null)
        {
            session.Events.StartStream<University>(XiamenUniversity, new UniversityRegistered(XiamenUniversity, "Xiamen University (厦门大学)", "Xiamen",
                new Contact("Chen Jing", "+86 592 218 0000", "overseas-education@xmu.example").Protect(session, XiamenUniversity), now));
        }

        if (await session.Events.FetchStreamStateAsync(JimeiUniversity, cancellationToken) is null)
        {
            session.Events.StartStream<University>(JimeiUniversity, new UniversityRegistered(JimeiUniversity, "Jimei University (集美大学)", "Xiamen",
                new Contact("Wang Fang", "+86 592 618 0000", "international@jmu.example").Protect(session, JimeiUniversity), now));
        }

        if (await session.Events.FetchStreamStateAsync(PaoyouBranchStation, cancellationToken) is null)
        {
            session.Events.StartStream<BranchStation>(PaoyouBranchStation, [
                new BranchStationApplied(PaoyouBranchStation, Paoyou, "91350200MA31J7W439",
                    "Digital content", new Contact("Lin Wei", "+86 592 555 0101", "hr@paoyou.example").Protect(session, PaoyouBranchStation), now),
                .. PublishedMessages.Attach([new BranchStationDesignated(PaoyouBranchStation, now)],
                    [new BranchStationStandingChanged(PaoyouBranchStation, Paoyou, BranchStationStanding.Active, now)]),
            ]);
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // Another replica seeded the same data first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

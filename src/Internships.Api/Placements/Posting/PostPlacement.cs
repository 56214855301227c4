using System.Security.Claims;
using FluentValidation;
using Internships.BranchStations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.Posting;

/// <summary>A branch station posts an opening; the base approves it before interns can be matched to it.</summary>
public record PostPlacement(Guid BranchStationId, PlacementOffer Offer)
{
    public static PostPlacement Example { get; } = new(Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"), PlacementOffer.Example);

    public sealed class Validator : AbstractValidator<PostPlacement>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.BranchStationId).NotEmpty();
            RuleFor(x => x.Offer).NotNull().SetValidator(PlacementOffer.Validator.Instance);
        }
    }

    public static Refusal? Check(BranchStation? station) => station?.Standing == BranchStationStanding.Active
        ? null
        : new Refusal("only-an-active-branch-station-posts-placements",
            station is null ? "No such branch station." : $"The branch station is {station.Standing}, not active.",
            station is null ? "不存在该分站。" : $"该分站当前状态为 {station.Standing}，未处于有效状态。");
}

public static class PostPlacementEndpoint
{
    public static ProblemDetails Validate(PostPlacement command) => PostPlacement.Validator.Instance.Check(command);

    public static async Task<ProblemDetails> Before(PostPlacement command, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!user.Partner().ActsForBranchStation(command.BranchStationId))
        {
            return Problems.Create(Problems.Forbidden, "A company posts placements only for its own branch station.", "企业只能为本企业的分站发布实习岗位。");
        }

        return PostPlacement.Check(await session.LoadAsync<BranchStation>(command.BranchStationId, cancellation))?.ToProblem()
            ?? WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/placements", Name = "PostPlacement")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company)]
    [EndpointSummary("Post a placement (an internship opening) for the base to approve")]
    public static (NewResource<Guid>, IStartStream) Post(PostPlacement command, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var posted = new PlacementPosted(id, command.BranchStationId, command.Offer.Trimmed(), clock.GetUtcNow());
        return (new NewResource<Guid>(id, $"/api/placements/{id}"), MartenOps.StartStream<Placement>(id, posted));
    }
}

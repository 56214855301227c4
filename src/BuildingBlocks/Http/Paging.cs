using System.Buffers.Text;
using System.Text;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace StudentBase.Http;

/// <summary>One page of a list, and the cursor for the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Lists are paged with opaque cursors: a client passes back the <c>nextCursor</c> it was given, never builds one.
/// Page sizes are bounded so no request can ask for everything at once.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string LimitMessage => PartnerLanguages.Text($"A page holds 1 to {MaxLimit} items.", $"每页包含 1 到 {MaxLimit} 项。");

    public static string CursorMessage => PartnerLanguages.Text("The cursor is not one this service gave out.", "该游标不是本服务给出的。");

    /// <summary>No problems, or a 400 naming <c>limit</c> or <c>cursor</c>.</summary>
    public static ProblemDetails Check(int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [LimitMessage];
        }

        if (cursor is not null && DecodeGuid(cursor) is null)
        {
            errors["cursor"] = [CursorMessage];
        }

        return errors.Count == 0 ? WolverineContinue.NoProblems : Validation.Problem(errors);
    }

    /// <summary>Builds a page from up to <paramref name="limit"/> + 1 items read in order: the extra one only says there is more.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> itemsAndOneMore, int limit, Func<T, Guid> position) =>
        itemsAndOneMore.Count > limit
            ? new Page<T>(itemsAndOneMore.Take(limit).ToList(), EncodeGuid(position(itemsAndOneMore[limit - 1])))
            : new Page<T>(itemsAndOneMore, null);

    /// <summary>
    /// One page of Marten documents in id order (ids are version 7 Guids, so that is creation order), starting
    /// after the cursor's position.
    /// </summary>
    public static async Task<Page<T>> ReadPageAsync<T>(
        this IQueryable<T> documents, Func<T, Guid> id, string? cursor, int? limit, CancellationToken cancellation) where T : notnull
    {
        var pageSize = limit ?? DefaultLimit;
        if (cursor is not null)
        {
            var after = DecodeGuid(cursor)!.Value;
            documents = documents.Where(document => document.MatchesSql("d.id > ?", after));
        }

        var read = await documents.OrderBySql("d.id").Take(pageSize + 1).ToListAsync(cancellation);
        return ToPage(read, pageSize, id);
    }

    public static string EncodeGuid(Guid position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1:{position}"));

    public static Guid? DecodeGuid(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("v1:", StringComparison.Ordinal) && Guid.TryParse(text[3..], out var position) ? position : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

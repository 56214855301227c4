using Wolverine.Http;

namespace StudentBase.Http.Tests;

public class PagingThroughLists
{
    [Fact]
    public void a_cursor_given_out_reads_back_as_its_position()
    {
        var position = Guid.CreateVersion7();

        Paging.DecodeGuid(Paging.EncodeGuid(position)).ShouldBe(position);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("djE6bm90LWEtZ3VpZA")]
    public void a_cursor_this_service_did_not_give_out_is_refused_by_name(string cursor)
    {
        Paging.DecodeGuid(cursor).ShouldBeNull();
        Paging.Check(null, cursor).ShouldBeOfType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>().Errors.Keys.ShouldBe(["cursor"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Paging.MaxLimit + 1)]
    public void a_page_holds_1_to_the_maximum_items(int limit) =>
        Paging.Check(limit, null).ShouldBeOfType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>().Errors.Keys.ShouldBe(["limit"]);

    [Fact]
    public void a_valid_page_request_has_no_problems() => Paging.Check(Paging.MaxLimit, null).ShouldBeSameAs(WolverineContinue.NoProblems);

    [Fact]
    public void the_one_item_more_only_says_there_is_a_next_page()
    {
        Guid[] ids = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];

        var first = Paging.ToPage(ids, limit: 2, id => id);
        var last = Paging.ToPage(ids[2..], limit: 2, id => id);

        first.Items.ShouldBe(ids[..2]);
        Paging.DecodeGuid(first.NextCursor!).ShouldBe(ids[1]);
        last.NextCursor.ShouldBeNull();
    }
}

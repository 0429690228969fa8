namespace Exchange.Discussion;

public sealed class DiscussionOptions
{
    public const string Section = "Discussion";

    /// <summary>Longest comment, in characters.</summary>
    public int MaxCommentLength { get; set; } = 2000;

    /// <summary>How long after writing it an author may still change a comment.</summary>
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Comments (and replies) one signed-in account may post per <see cref="RateWindow"/>.</summary>
    public int CommentsPerWindow { get; set; } = 10;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);
}

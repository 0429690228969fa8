using System.Net;
using Exchange.Email;

namespace Exchange.Practices;

/// <summary>Tells a partner's editors that a coordinator requested changes or published their practice, and the coordinators that one waits for review.</summary>
public static class PracticeMails
{
    public static EmailMessage ChangesRequested(string to, string practiceName, string comment, Uri link, string language) =>
        language == "it"
            ? Compose(to, $"Modifiche richieste: {practiceName}", $"Il coordinatore chiede alcune modifiche alla pratica «{practiceName}»:", comment, "Rivedi la pratica e inviala di nuovo:", link)
            : Compose(to, $"Changes requested: {practiceName}", $"The coordinator asks for changes to the practice \"{practiceName}\":", comment, "Revise the practice and submit it again:", link);

    public static EmailMessage Published(string to, string practiceName, Uri link, string language) =>
        language == "it"
            ? Compose(to, $"Pratica pubblicata: {practiceName}", $"La pratica «{practiceName}» è ora pubblicata nel catalogo.", null, "La trovi qui:", link)
            : Compose(to, $"Practice published: {practiceName}", $"The practice \"{practiceName}\" is now published in the catalogue.", null, "You can find it here:", link);

    public static EmailMessage Submitted(string to, string practiceName, string organisationName, bool again, Uri link, string language) =>
        language == "it"
            ? Compose(to, $"{(again ? "Pratica inviata di nuovo" : "Nuova pratica da rivedere")}: {practiceName}",
                $"{organisationName} ha {(again ? "inviato di nuovo, dopo le modifiche richieste," : "inviato")} la pratica «{practiceName}», che attende la tua revisione.", null, "Rivedila qui:", link)
            : Compose(to, $"{(again ? "Practice resubmitted" : "New practice to review")}: {practiceName}",
                $"{organisationName} {(again ? "resubmitted, after the changes you asked for," : "submitted")} the practice \"{practiceName}\", which waits for your review.", null, "Review it here:", link);

    private static EmailMessage Compose(string to, string subject, string intro, string? comment, string linkIntro, Uri link)
    {
        var quoted = comment is null ? "" : $"\n\n> {comment.Replace("\n", "\n> ", StringComparison.Ordinal)}";
        var text = $"{intro}{quoted}\n\n{linkIntro}\n{link}\n";
        var html = $"<p>{WebUtility.HtmlEncode(intro)}</p>" +
                   (comment is null ? "" : $"<blockquote style=\"white-space:pre-line\">{WebUtility.HtmlEncode(comment)}</blockquote>") +
                   $"<p>{WebUtility.HtmlEncode(linkIntro)} <a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(link.ToString())}</a></p>";
        return new EmailMessage(to, subject, text, html, "practice");
    }
}

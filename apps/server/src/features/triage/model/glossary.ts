/**
 * Customers in the EU, Canada and India often write in their own language (or mix it with English). The
 * examples are mostly English, so a few hundred support words in French, Spanish, Italian, German, Dutch,
 * Portuguese, Polish and romanised Hindi get their English word written after them ("colis" → "colis
 * parcel"): the classifiers then see the words they know. Stems are matched at a word start.
 */
const GLOSSES: ReadonlyArray<readonly [english: string, stems: string]> = [
  [
    'cancel',
    'annul\\w*|anuluj\\w*|anulow\\w*|anular\\w*|stornier\\w*|storno\\w*|annuleer\\w*|cancelar\\w*|cancelac\\w*|cancellar\\w*',
  ],
  [
    'refund',
    'rembours\\w*|reembols\\w*|rimbors\\w*|erstatt\\w*|ruckerstatt\\w*|terugbetal\\w*|terugstort\\w*|zwrot\\w* pieniedzy|paisa wapas|paise wapas|wapas nahi',
  ],
  [
    'return',
    'retour\\w*|renvo\\w*|devol\\w*|restitu\\w*|reso\\b|rucksend\\w*|zurucksend\\w*|zuruckgeb\\w*|zuruckschick\\w*|widerruf\\w*|terugstur\\w*|zwrot\\w*|wapas',
  ],
  [
    'parcel',
    'colis\\b|paquete\\w*|pacco\\b|pacchi\\w*|paket\\w*|pakket\\w*|sendung\\b|paczk\\w*|przesylk\\w*|encomenda\\w*',
  ],
  [
    'order',
    'commande[es]?\\b|pedido\\w*|ordine\\b|ordini\\b|ordinato\\b|bestell\\w*|zamowien\\w*|zamowil\\w*|zamowil\\w*',
  ],
  [
    'delivery',
    'livr\\w*|entreg\\w*|envio\\w*|enviar\\w*|envia\\w*|spedi\\w*|spediz\\w*|consegn\\w*|liefer\\w*|bezorg\\w*|levering\\w*|dostaw\\w*|expedi\\w*|verzend\\w*|versand\\w*|verschick\\w*',
  ],
  [
    'broken',
    'casse[es]?\\b|brise\\w*|rot[oa]s?\\b|rott[oaie]\\b|kaputt\\w*|gebrochen\\b|zerbrochen\\b|kapot\\b|gebroken\\b|zepsut\\w*|quebrad\\w*|toota\\b|tuta\\b|toot gaya|tut gaya',
  ],
  [
    'damaged',
    'abime\\w*|endommag\\w*|danad\\w*|danneggi\\w*|beschadigt\\w*|beschadigd\\w*|uszkodz\\w*|danificad\\w*|phata\\b|phat gaya|eingedruckt\\w*',
  ],
  ['cracked', 'fissur\\w*|fessur\\w*|riss\\b|gerissen\\b|crepa\\w*|grieta\\w*|barst\\w*'],
  ['missing', 'manqu\\w*|falta\\w*|falto\\b|manca\\w*|mancano\\b|fehl\\w*|ontbre\\w*|brak\\w*|brakuje\\b'],
  [
    'wrong',
    'mauvais\\w*|equivoc\\w*|incorrect[oa]\\b|sbagli\\w*|falsch\\w*|verkeerd\\w*|errad[oa]\\b|zl[ay]\\b|galat\\b',
  ],
  ['size', 'taille\\w*|pointure\\w*|talla\\w*|taglia\\w*|grosse\\b|maat\\b|rozmiar\\w*|tamanho\\w*'],
  ['colour', 'couleur\\w*|colore\\b|colori\\b|farbe\\w*|kleur\\w*|kolor\\w*'],
  ['exchange', 'echang\\w*|cambi\\w*|umtausch\\w*|tausch\\w*|ruil\\w*|wymian\\w*|troca\\w*|trocar\\b'],
  ['change', 'modifi\\w*|changer\\b|andern\\b|geandert\\b|wijzig\\w*|zmien\\w*|alterar\\b|badal\\w*'],
  ['invoice', 'factur\\w*|fattur\\w*|rechnung\\w*|factuur\\w*|faktur\\w*|fatura\\w*'],
  [
    'payment',
    'paiement\\w*|pago\\w*|pagament\\w*|zahlung\\w*|bezahl\\w*|betaal\\w*|betaling\\w*|betaald\\b|platnos\\w*|oplat\\w*|pagamento\\w*',
  ],
  [
    'charged',
    'debite\\w*|cobr\\w*|addebit\\w*|abgebucht\\w*|abbuchung\\w*|belastet\\b|afgeschreven\\b|kat gaya|kata\\b',
  ],
  ['twice', 'deux fois|dos veces|due volte|zweimal|twee keer|dwa razy|duas vezes|2 baar|do baar'],
  ['password', 'mot de passe|contrasena\\w*|passwort\\w*|wachtwoord\\w*|haslo\\w*|senha\\w*'],
  ['brake', 'frein\\w*|freno\\b|freni\\b|bremse\\w*|hamulec\\w*|travao\\b'],
  ['stroller', 'poussette\\w*|cochecito\\w*|carrito de bebe|passeggin\\w*|kinderwagen\\w*|wozek\\w*|carrinho de bebe'],
  ['baby', 'bebe\\b|bebes\\b|neonato\\b|saugling\\w*'],
  [
    'car seat',
    'seggiolin\\w*|kindersitz\\w*|autokindersitz\\w*|siege auto|silla de coche|sillita\\w*|autostoel\\w*|fotelik\\w*|cadeirinha\\w*',
  ],
  ['strap', 'cinghi\\w*|gurt\\b|gurte\\b|gurtband\\w*|sangle\\w*|correa\\w*|riem\\b|riempje\\w*|pasek\\w*|alca\\b'],
  ['torn', 'strappat\\w*|zerrissen\\b|dechire\\w*|rasgad\\w*|rasgou\\b|gescheurd\\b|rozdart\\w*|porwal\\w*|porwan\\w*'],
  [
    'no longer safe',
    'piu al sicuro|plus en securite|nicht mehr sicher|ya no (?:va |esta |es )?segur[oa]\\b|niet meer veilig|nao (?:e|esta) mais segur[oa]\\b|nie jest juz bezpieczn\\w*',
  ],
  ['doesnt hold', 'ne tient pas|no sujeta|no aguanta|non tiene|halt nicht|houdt niet|nao segura'],
  ['swallowed', 'avale\\w*|trago\\b|tragado\\w*|ingoiat\\w*|verschluckt\\w*|ingeslikt\\b|engoliu\\b'],
  ['button battery', 'pile bouton|pila de boton|pila a bottone|knopfzelle\\w*|knoopcel\\w*|bateria de botao'],
  ['emergency room', 'urgences\\b|urgencias\\b|pronto soccorso|notaufnahme\\b|spoedeisende hulp|eerste hulp'],
  [
    'i didnt make',
    'yo no (?:hice|he hecho|realice)|je nai pas (?:fait|passe)|ich nicht (?:gemacht|bestellt|getatigt)|ik niet heb gedaan|non ho fatto|eu nao fiz',
  ],
  [
    'allergic reaction',
    'reaccion alergica|reazione allergica|allergische reaktion|allergische reactie|reacao alergica|reaction allergique',
  ],
  ['glass', 'glas\\b|verre\\b|vidrio\\b|vetro\\b|vidro\\b|szklo\\b'],
  ['soup', 'soep\\b|soupe\\b|sopa\\b|zuppa\\b|suppe\\b'],
  ['hacked', 'pirate\\w*|gehackt\\w*|hackead\\w*|hackerat\\w*|zhakowan\\w*|invadid\\w*'],
  ['account', 'compte\\b|cuenta\\b|konto\\b|kundenkonto\\b|conta\\b'],
  [
    'login',
    'connexion\\w*|connecter\\b|iniciar sesion|accedere\\b|accesso\\b|anmeld\\w*|einlogg\\w*|inlogg\\w*|inloggen\\b|zalogow\\w*|logowa\\w*',
  ],
  ['email', 'courriel\\w*|correo\\w*|e-?mail\\w*'],
  [
    'tracking',
    'suivi\\b|seguimiento\\b|tracciament\\w*|tracking\\w*|sendungsverfolgung\\w*|volg\\w*|sledzeni\\w*|rastreio\\w*',
  ],
  ['late', 'retard\\w*|retras\\w*|ritard\\w*|verspat\\w*|vertraag\\w*|opozni\\w*|atras\\w*|der se'],
  [
    'arrived',
    'recu\\b|recue\\b|arrive[es]?\\b|llego\\b|llegado\\b|llegó\\b|recibido\\b|arrivat[oaie]\\b|ricevut[oaie]\\b|angekommen\\b|erhalten\\b|bekommen\\b|aangekomen\\b|ontvangen\\b|dotarl\\w*|otrzymal\\w*|chegou\\b|recebi\\w*|aaya\\b|aayi\\b|mila\\b|mili\\b',
  ],
  ['not me', 'pas moi|nicht ich|no fui yo|no he sido yo|non ero io|non sono stato io|niet ik|nao fui eu'],
  [
    'someone else is using my account',
    'koi aur (?:mera|meri|mere|hamara) (?:account|card|khata)\\w* (?:use|istemaal|chala) kar (?:raha|rahi|rahe)\\w*|quelquun (?:dautre )?utilise mon compte|alguien (?:mas |esta )*usa(?:ndo)? mi cuenta|qualcuno (?:sta )?us(?:a|ando) il mio (?:account|conto)|jemand (?:anderes )?(?:benutzt|nutzt) mein\\w* (?:konto|account)|iemand (?:anders )?gebruikt mijn (?:account|rekening)|ktos (?:inny )?uzywa moj\\w* kont\\w*|alguem (?:esta )?usa(?:ndo)? (?:a )?minha conta',
  ],
  [
    'without my permission',
    'sans mon (?:accord|autorisation|consentement)|sin mi (?:permiso|consentimiento|autorizacion)|ohne mein\\w* (?:wissen|einverstandnis|zustimmung|erlaubnis)|senza (?:il )?mio (?:consenso|permesso)|zonder (?:mijn )?(?:toestemming|medeweten)|sem (?:a )?minha (?:autorizacao|permissao)',
  ],
  [
    'not',
    'pas\\b|nicht\\b|kein\\w*|niet\\b|geen\\b|nie\\b|nao\\b|non\\b|nahi\\b|nahin\\b|nada\\b|jamais\\b|nunca\\b|nie\\b',
  ],
  [
    'working',
    'fonctionne\\w*|marche\\b|funciona\\w*|funziona\\w*|funktioniert\\w*|werkt\\b|dziala\\w*|chal (?:raha|rahi|nahi)\\w*',
  ],
  ['charge', 'carga\\b|cargar\\b|charge\\b|carica\\b|ladt\\b|laadt\\b|laduje\\b'],
  ['warranty', 'garanti\\w*|gwarancj\\w*'],
  ['address', 'adresse\\w*|direccion\\w*|indirizz\\w*|adres\\b|adresu\\b|endereco\\w*|pata\\b'],
  ['card', 'carte\\b|tarjeta\\w*|carta\\b|karte\\b|kreditkarte\\b|kaart\\b|karta\\b|karty\\b|cartao\\b'],
  ['week', 'semaine\\w*|semana\\w*|settiman\\w*|woche\\w*|weken\\b|week\\b|tydzien\\w*|tygodni\\w*|hafte\\w*'],
  ['month', 'mois\\b|mes\\b|meses\\b|mese\\b|mesi\\b|monat\\w*|maand\\w*|miesi\\w*|mahin\\w*'],
  ['day', 'jours?\\b|dias?\\b|giorni\\b|tage[ns]?\\b|dagen\\b|dni\\b|din\\b'],
  ['still', 'toujours\\b|todavia\\b|aun\\b|ancora\\b|immer noch|noch\\b|nog\\b|wciaz\\b|nadal\\b|ainda\\b|abhi tak'],
  ['money', 'argent\\b|dinero\\b|soldi\\b|geld\\b|pieniadz\\w*|dinheiro\\b|paisa\\b|paise\\b'],
  ['received', 'reciv\\w*|ricev\\w*|empfang\\w*'],
  ['question', 'question\\b|pregunta\\w*|domanda\\w*|frage\\b|vraag\\b|pytani\\w*|pergunta\\w*|sawal\\b'],
  ['please', 'svp\\b|sil vous plait|por favor|per favore|bitte\\b|alstublieft\\b|graag\\b|prosze\\b|kripya\\b'],
  [
    'thanks',
    'merci\\b|gracias\\b|grazie\\b|danke\\w*|bedankt\\b|dank\\b|dziekuj\\w*|obrigad\\w*|dhanyavaad\\b|shukriya\\b',
  ],
  ['urgent', 'urgent[ea]?\\b|dringend\\w*|pilne\\b'],
  // Harm words a safety rule reads on its own ("rash", "burnt smell").
  [
    'rash',
    'ausschlag\\w*|uitslag\\b|wysypk\\w*|sarpullido\\w*|ronchas?\\b|eruzione cutanea|erupcao cutanea|erupcion cutanea|bolle rosse|boutons rouges|plaques rouges|manchas vermelhas|rode vlekken|rote flecken',
  ],
  ['itchy', 'juck\\w*|jeuk\\w*|swedz\\w*|picor\\w*|prudon\\w*|prurit\\w*|demangea\\w*|comichao\\w*|coceira\\w*'],
  [
    'burnt smell',
    'swad spalenizn\\w*|zapach spalenizn\\w*|brandlucht\\w*|brandgeur\\w*|brandgeruch\\w*|odeur de brule\\w*|olor a quemado|odore di bruciato|cheiro a queimado',
  ],
  ['today', 'aujourdhui\\b|hoy\\b|oggi\\b|heute\\b|vandaag\\b|dzisiaj\\b|hoje\\b|aaj\\b'],
  ['tomorrow', 'demain\\b|manana\\b|domani\\b|morgen\\b|jutro\\b|amanha\\b|kal\\b'],
];

const PATTERN = new RegExp(`\\b(?:${GLOSSES.map(([, stems]) => `(${stems})`).join('|')})`, 'g');
// Not the words other languages share ("in", "is", "was" in Dutch and German, "me" in Spanish, "on" in French).
const ENGLISH = /\b(?:the|and|it|my|to|i|you|of|for|this|not|have|with|but|can|please|thanks|got|did|from)\b/g;

/** True when a text reads as English enough that glossing would only cost time. */
function isMostlyEnglish(text: string): boolean {
  let count = 0;
  ENGLISH.lastIndex = 0;
  while (ENGLISH.exec(text) !== null) if (++count * 40 >= text.length) return true;
  return false;
}

/** The normalised text with an English word after each foreign support word it knows. */
export function addGlosses(text: string): string {
  if (isMostlyEnglish(text)) return text;
  return text.replace(PATTERN, (...match: unknown[]) => {
    for (let group = 1; group <= GLOSSES.length; group++) {
      if (match[group] !== undefined) {
        const english = GLOSSES[group - 1]![0];
        return english === match[0] ? english : `${match[0]} ${english}`;
      }
    }
    return String(match[0]);
  });
}

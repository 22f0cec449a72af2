import { foldText } from './normalize';
import type { Lang } from '../language/languages';

/**
 * Function words and question fillers per language ("how", "can I", "please"). Retrieval ignores them,
 * so "how do I renew my permit" and "renew permit" weigh the same; language detection counts them as
 * evidence, because they are the words that differ most between languages.
 */
const RAW: Record<Lang, string> = {
  it: `il lo la i gli le un uno una di a da in con su per tra fra del dello della dei degli delle al allo alla ai agli alle
    dal dalla dai nel nella nei sul sulla e ed o ma se che chi cosa come dove quando quanto quanta quanti quale quali perche
    non si mi ti ci vi ne io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro ho hai ha abbiamo hanno sono sei
    e' è era essere avere fare devo deve posso puoi puo può voglio vorrei serve bisogna bisogno ciao salve grazie per favore
    buongiorno qualcuno informazioni info sapere dire aiuto anche ancora gia già piu più molto tutto questo questa quello
    quella ecco sto sta come mai cos qual c'e c'è l'ho dell nell all sull dell'`,
  en: `the a an of to in on at for from with by about into is are was were be been am do does did have has had i me my mine
    you your he she it its we our they their this that these those what which who whom how where when why can could should
    would will shall may might must and or but if not no yes please hi hello thanks thank there here any some get got need
    want know tell help much many there's im i'm dont don't cant can't it's whats what's one also just still still very`,
  fr: `le la les l un une des de du d a au aux en dans sur pour par avec sans et ou mais si que qui quoi comment ou où quand
    combien quel quelle quels quelles pourquoi ne pas je j me m moi tu te t toi il elle on nous vous ils elles mon ma mes ton
    ta tes son sa ses notre votre leur est suis es sont ai as avons avez ont etre être avoir faire dois doit peux peut veux
    voudrais faut besoin bonjour salut merci svp s'il plait c'est ce cet cette ces y a-t-il est-ce qu j'ai il y`,
  es: `el la los las un una unos unas de del a al en con sin por para sobre y o pero si que quien qué como cómo donde dónde
    cuando cuándo cuanto cuánto cuanta cuantos cual cuál porque por qué no yo me mi mis tu te ti su sus nuestro él ella
    nosotros ellos es soy eres son estoy esta está estan están hay he ha han tengo tiene tienes puedo puede quiero quisiera
    necesito debo hacer hola gracias favor lo le les se muy tambien también ya algo alguien`,
  ar: `في من الى إلى على عن مع هل ما ماذا كيف أين اين متى لماذا كم أي اي هذا هذه ذلك تلك التي الذي أنا انا أنت انت هو هي
    نحن هم لي لك له لها عندي عند كان يكون أريد اريد ممكن يمكن يجب أستطيع استطيع و أو او لا نعم مرحبا شكرا من فضلك لو ثم قد
    كل بعض ايش شو اللي مش`,
  uk: `і й та в у на з зі із до від по за про для при без що як де коли чому скільки який яка яке які чи не так ні я мене мені
    мій моя моє мої ти тебе твій він вона воно ми ви вони наш ваш їх це той та ці є був була буде можу може можна треба
    потрібно хочу маю мати робити привіт дякую будь ласка а але або ще вже дуже як-то щоб`,
  zh: `我 你 他 她 它 我们 你们 他们 的 了 吗 呢 吧 啊 是 在 有 和 与 或 也 都 就 要 想 可以 能 会 怎么 怎样 如何 什么 哪里 哪儿 为什么
    多少 几 这 那 这个 那个 一个 请问 请 谢谢 你好 您好 需要 应该 没有 不`,
  sq: `i e te të së se nje një dhe ose por nese nëse qe që cfare çfarë si ku kur pse sa cili cila cilat ne në me mbi per për nga
    pa tek te deri jam je eshte është jemi jane janë kam ke ka kemi keni kane kanë mund duhet dua do doja une unë ti ai ajo
    ne ju ata ato im ime yt jot tij saj tone tuaj kjo ky ato keto këto ato pershendetje përshëndetje faleminderit ju lutem
    po jo edhe vetem vetëm shume shumë`,
  ur: `کا کی کے کو میں سے پر نے اور یا لیکن اگر کہ کیا کیسے کہاں کب کیوں کتنا کتنی کتنے کون ہے ہیں تھا تھی تھے ہو ہوں
    ہوگا میرا میری میرے مجھے مجھ ہم ہمارا آپ تم تمہارا وہ یہ اس ان مجھے چاہیے چاہتا چاہتی سکتا سکتی کرنا کریں کروں نہیں
    ہاں جی شکریہ براہ کرم سلام بھی تو ہی لیے لئے جا کر دیتا گی جائے
    mera meri mere mujhe mujhko mai main hum aap ap tum kya kaise kahan kab kyun kitna kitne hai hain ho hoga tha ka ki ke ko
    se par ne aur ya lekin agar nahi nahin chahiye karna karoon karun sakta sakti kar krna kaisay hy he
    mein raha rahi rahe gaya gayi gaye hoon hun hu milega milegi sath saath bhi wala wali wale kuch koi abhi liye
    chahta chahti kahan kidhar hua hui`,
  bn: `আমি আমার আমাকে আমরা তুমি তোমার আপনি আপনার সে তার তারা এই ওই সেই কি কী কেন কোথায় কখন কিভাবে কীভাবে কত কোন
    এবং ও বা কিন্তু যদি না হ্যাঁ আছে নেই হয় হবে ছিল করব করতে করা চাই পারি পারব দরকার জন্য থেকে দিয়ে সাথে মধ্যে
    ধন্যবাদ দয়া করে নমস্কার
    ami amar amake amra tumi tomar apni apnar ki keno kothay kokhon kivabe kibhabe koto kon ar o ba kintu jodi na ache
    nai hobe korbo korte kora chai pari dorkar jonno theke diye sathe er lage lagbe pabo jabo kemne kori hoye geche
    ache korte kemon kivabe`,
};

export const STOPWORDS: Readonly<Record<Lang, ReadonlySet<string>>> = Object.fromEntries(
  (Object.entries(RAW) as [Lang, string][]).map(([lang, words]) => [lang, new Set(words.split(/\s+/).filter(Boolean).map(foldText))]),
) as unknown as Record<Lang, ReadonlySet<string>>;

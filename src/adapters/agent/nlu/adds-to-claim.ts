/**
 * A later turn that adds to the claim instead of restating it ("the gutter clearing on that bill too:
 * please add it"): what it names is disputed beside what was, not in its place.
 * Words of addition in the languages claims come in; "too" of degree ("too many") is no addition.
 */
const ADDS =
  /(?<!\p{L})(?:add(?:s|ed|ing)?|also|as well|in addition|additionally|on top of (?:that|this)|besides|too(?!\s+(?:much|many|high|low|late|early|little|few|long|expensive|short|big|small|soon)\b)|también|además|aussi|également|de plus|também|além disso|anche|inoltre|auch|zusätzlich|ebenfalls|ook|også|också|myös|też|také)(?!\p{L})/iu

export const addsToClaim = (text: string): boolean => ADDS.test(text)
